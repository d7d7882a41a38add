using System.Linq;
using LossGen.Compiler.Lowering;
using Shouldly;
using Xunit;

using static LossGen.Compiler.Lowering.CodeBuilding;

namespace LossGen.Tests.Generator;

/// <summary>
/// <see cref="Code"/>, the expressions of the kernel statements: what they print, which variables
/// they read, and when two are equal (Lower's constant tests and memo keys compare them).
/// </summary>
public class CodeTests
{
    [Fact]
    public void Prints_its_tokens_and_lists_the_names_it_reads_in_order()
    {
        var code = C($"V.LoadStrided({Ref("s")}, {Ref("i")} * {Ref("c")}, {Ref("c")}) + {Tx("V.One")}");

        code.ToString().ShouldBe("V.LoadStrided(s, i * c, c) + V.One");
        code.Names.ToArray().ShouldBe(new[] { "s", "i", "c", "c" });
        code.IsName.ShouldBeFalse();
    }

    [Fact]
    public void Adjacent_text_is_merged_so_equal_text_is_equal_code()
    {
        var spliced = C($"V.{Tx("Store")}Partial");

        spliced.ShouldBe(Tx("V.StorePartial"));
        spliced.Tokens.Count.ShouldBe(1);
        C($"{Ref("n")} - {Ref("n")} % V.Count").ShouldBe(C($"{Ref("n")} - {C($"{Ref("n")} % V")}.Count"));
        C($"x{3}").ShouldBe(Tx("x3"));
    }

    [Fact]
    public void A_name_and_text_that_prints_alike_are_different_code()
    {
        Ref("n").ToString().ShouldBe(Tx("n").ToString());
        Ref("n").ShouldNotBe(Tx("n"));
        Ref("n").IsName.ShouldBeTrue();
        Tx("n").IsName.ShouldBeFalse();
        Tx("n").Names.ShouldBeEmpty();
    }

    [Fact]
    public void Join_puts_the_separator_between_parts_as_text()
    {
        var joined = Code.Join(" * ", new[] { Ref("d1"), Tx("3"), Ref("d2") });

        joined.ToString().ShouldBe("d1 * 3 * d2");
        joined.Names.ToArray().ShouldBe(new[] { "d1", "d2" });
        Code.Join(" + ", new Code[0]).ToString().ShouldBe("");
    }
}
