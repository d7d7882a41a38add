extern alias GeneratorAssembly;

using System.Reflection;
using System;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// The incremental pipeline caches a step only if its output equals the previous one, and holding a
/// symbol, syntax node, location, semantic model or compilation both defeats that equality and
/// keeps old compilations alive. So no type reachable from the pipeline's models may hold one.
/// </summary>
public class ModelPurityTests
{
    private static readonly Type[] Forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Location), typeof(SemanticModel), typeof(Compilation) };

    [Fact]
    public void No_model_type_holds_a_symbol_syntax_location_semantic_model_or_compilation()
    {
        var generatorRecord = typeof(GeneratorAssembly::LossGen.Generator.LossGenGenerator)
            .GetNestedType("Compiled", BindingFlags.NonPublic)!;
        // The parser's whole output, spans included: the analyzer holds it, and it must not pin compilations either.
        var roots = new[] { typeof(ParsedDeclaration), typeof(LossGen.Compiler.Parse.ParsedOptimizer), typeof(CompileResult), generatorRecord };

        var (visited, offenders) = ReachableTypes.From(roots, Forbidden);

        offenders.ShouldBeEmpty();
        // The walk must really reach the IR and the spans, or the check above proves nothing.
        visited.ShouldContain(typeof(SourceSpan));
        visited.ShouldContain(typeof(LossGen.Compiler.Ir.Access));
        visited.ShouldContain(typeof(DiagnosticInfo));
    }
}
