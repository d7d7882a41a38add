using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// Inputs found by the mutation test, or next to them, that are C# errors of the user's own: the
/// generator must not throw on them or add errors of its own to the user's one.
/// </summary>
public class GeneratorRobustnessTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\n";

    [Fact]
    public void Structs_without_a_name_yet_get_no_generated_part()
    {
        var run = DiagnosticRun.Of(Usings + """
            [Loss]
            public partial struct
            {
                static float Define([Shape("N")] Tensor r) => Mean(i => Sqr(r[i]));
            }
            [Regularizer]
            public partial struct
            {
                static float Define([Shape("P")] Tensor w) => Sum(k => Sqr(w[k]));
            }
            """);

        run.ShouldHaveAHealthyGenerator();
    }

    [Fact]
    public void The_attribute_repeated_on_two_parts_does_not_crash_the_generator()
    {
        var run = DiagnosticRun.Of(new[]
        {
            Usings + """
            [Loss]
            public partial struct Twice
            {
                static float Define([Shape("N")] Tensor r) => Mean(i => Sqr(r[i]));
            }
            """,
            Usings + """
            [Loss]
            public partial struct Twice
            {
            }
            """,
        });

        run.ShouldHaveAHealthyGenerator();
    }
}
