extern alias GeneratorAssembly;

using System.Linq;
using System.Reflection;
using System;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using LossGenGenerator = GeneratorAssembly::LossGen.Generator.LossGenGenerator;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Caching;

/// <summary>
/// What reaches the compile steps holds no position by construction: no type reachable from the
/// models, the compile results or the generator's own records can hold a span, a line, a
/// diagnostic (which carries its span) or a syntax tree (which carries its path). A position
/// there would change with every edit above the declaration and re-run its compile step.
/// </summary>
public class PositionFreeModelTests
{
    private static readonly Type[] Positions =
    {
        typeof(SourceSpan), typeof(DiagnosticInfo), typeof(TextSpan), typeof(LinePositionSpan), typeof(LinePosition),
        typeof(FileLinePositionSpan), typeof(Location), typeof(SyntaxTree), typeof(SyntaxNode), typeof(SyntaxToken),
    };

    private static Type GeneratorRecord(string name) =>
        typeof(LossGenGenerator).GetNestedType(name, BindingFlags.NonPublic) ?? throw new InvalidOperationException(name);

    [Fact]
    public void Nothing_the_compile_steps_take_or_give_holds_a_position()
    {
        var roots = new[]
        {
            typeof(DeclarationModel), typeof(OptimizerModel), typeof(CompileResult), typeof(ShapedDeclaration), typeof(ShapeError),
            GeneratorRecord("Compiled"), GeneratorRecord("EmittedTest"),
        };

        var (visited, offenders) = Diagnostics.ReachableTypes.From(roots, Positions);

        offenders.ShouldBeEmpty();
        // The walk must reach the IR and the sites, or finding no position proves nothing.
        visited.ShouldContain(typeof(LossGen.Compiler.Ir.Access));
        visited.ShouldContain(typeof(AccessSite));
        visited.ShouldContain(typeof(UpdateStatement));
    }

    [Fact]
    public void The_parsers_keep_the_positions_beside_the_model()
    {
        // The same walk does find positions where they are meant to be: in what only the analyzer reads.
        // Each root is walked on its own: a walk visits a type once, so the second root would find its diagnostics visited.
        var offenders = Diagnostics.ReachableTypes.From(new[] { typeof(ParsedDeclaration) }, Positions).Offenders
            .Concat(Diagnostics.ReachableTypes.From(new[] { typeof(ParsedOptimizer) }, Positions).Offenders).ToList();

        // (Fields come before properties in the walk, so a path names the backing field: <Spans>k__BackingField.)
        offenders.ShouldContain(o => o.StartsWith("ParsedDeclaration.<Spans>") && o.EndsWith(": SourceSpan"), string.Join("\n", offenders));
        offenders.ShouldContain(o => o.StartsWith("ParsedOptimizer.<Diagnostics>") && o.EndsWith(": DiagnosticInfo"), string.Join("\n", offenders));
    }
}
