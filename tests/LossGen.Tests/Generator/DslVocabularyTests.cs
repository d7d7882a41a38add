using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using LossGen.Compiler.Parse;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>
/// The compiler's one table of DSL functions against the two other places a user meets the
/// vocabulary: the overloads of <c>LossGen.Dsl</c> (what IntelliSense offers) and the lists in the
/// docs. A function added to one and not the others fails here.
/// </summary>
public sealed class DslVocabularyTests
{
    private static IEnumerable<string> NamesWith(DslForms form) =>
        DslVocabulary.Functions.Where(f => f.Has(form)).Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal);

    private static MethodInfo[] DslMethods() =>
        typeof(Dsl).GetMethods(BindingFlags.Public | BindingFlags.Static);

    [Fact]
    public void Every_Dsl_method_is_in_the_table_and_every_row_has_a_Dsl_method()
    {
        var declared = DslMethods().Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        declared.ShouldBe(DslVocabulary.Functions.Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void Whole_tensor_forms_are_exactly_the_functions_with_a_Tensor_overload()
    {
        var withTensorOverload = DslMethods()
            .Where(m => m.ReturnType == typeof(Tensor) || m.GetParameters().Any(p => p.ParameterType == typeof(Tensor)))
            .Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        withTensorOverload.ShouldBe(NamesWith(DslForms.WholeTensor));
    }

    [Fact]
    public void Indexed_forms_are_exactly_the_functions_with_a_scalar_overload()
    {
        var withScalarOverload = DslMethods()
            .Where(m => m.ReturnType == typeof(float))
            .Select(m => m.Name).Distinct().OrderBy(n => n, StringComparer.Ordinal);
        withScalarOverload.ShouldBe(NamesWith(DslForms.Indexed));
    }

    [Fact]
    public void Docs_dsl_lists_exactly_the_indexed_and_whole_tensor_functions()
    {
        var dsl = ReadDoc("dsl.md");
        FunctionsNamedIn(Section(dsl, "## Expressions")).ShouldBe(NamesWith(DslForms.Indexed));
        FunctionsNamedIn(Section(dsl, "## Whole tensors")).ShouldBe(NamesWith(DslForms.WholeTensor));
    }

    [Fact]
    public void Docs_optimizers_lists_exactly_the_update_rule_functions()
    {
        var optimizers = ReadDoc("optimizers.md");
        var sentence = Regex.Match(optimizers, @"the pointwise functions of `LossGen\.Dsl`: `([^`]*)`");
        sentence.Success.ShouldBeTrue("docs/optimizers.md should list the update-rule functions as `Exp, Log, …`");
        var listed = sentence.Groups[1].Value.Split(',').Select(n => n.Trim()).OrderBy(n => n, StringComparer.Ordinal);
        listed.ShouldBe(NamesWith(DslForms.UpdateRule));
    }

    /// <summary>Names written in code spans as a call or a bare name: <c>`Exp`</c>, <c>`Pow(x, 2)`</c>, <c>`Sum((k, j) => …)`</c>.</summary>
    private static IEnumerable<string> FunctionsNamedIn(string markdown)
    {
        // Tensors in examples are one or two letters (`X`, `dW`); the DSL's types are not functions.
        var candidates = Regex.Matches(markdown, @"`([A-Z][A-Za-z]{2,})(?=[`(])").Select(m => m.Groups[1].Value);
        var typeNames = new HashSet<string>(StringComparer.Ordinal) { nameof(Tensor), nameof(IndexVar), nameof(Labels) };
        return candidates.Where(n => !typeNames.Contains(n)).Distinct().OrderBy(n => n, StringComparer.Ordinal);
    }

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading, StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"docs should have a section '{heading}'");
        var next = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? markdown.Substring(start) : markdown.Substring(start, next - start);
    }

    private static string ReadDoc(string name)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LossGen.sln")))
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
        dir.ShouldNotBeNull("the repository root (a folder with LossGen.sln) should be above the test binaries");
        return File.ReadAllText(Path.Combine(dir, "docs", name));
    }
}
