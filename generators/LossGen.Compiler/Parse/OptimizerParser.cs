using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis;

using static LossGen.Compiler.Parse.DslSyntax;
using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Parse;

/// <summary>
/// Read and Parse for [Optimizer]: turns <c>static void Define(ref float w, float g, ref float m, …,
/// Step t, float lr = 1e-3f, …)</c> and its block of assignments into an <see cref="OptimizerModel"/>.
/// <para>
/// The body is straight-line code, so it is read by symbolic execution: each variable (weight,
/// state, local) has a current value, an IR expression; an assignment replaces it, and a read
/// substitutes it. At the end every value is an expression of what the buffers held before the
/// step, which is what makes one fused pass possible: each buffer is loaded once and stored once.
/// </para>
/// Anything else becomes a diagnostic at its exact span; parsing goes on, and it never throws.
/// </summary>
internal sealed partial class OptimizerParser
{
    private const string StepType = "LossGen.Step";

    private readonly SemanticModel model;
    private readonly List<DiagnosticInfo> diagnostics = new();
    private readonly List<OptimizerParam> parameters = new();
    private readonly List<UpdateStatement> statements = new();
    /// <summary>The current value of every parameter and local, by symbol.</summary>
    private readonly Dictionary<ISymbol, Expr> values = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, OptimizerParamKind> kinds = new(SymbolEqualityComparer.Default);
    /// <summary>Parameters (LG0205) and locals (LG0204) whose declaration is reported: their uses add no diagnostic.</summary>
    private readonly HashSet<ISymbol> reported = new(SymbolEqualityComparer.Default);

    /// <summary>Set when C# already reports an error inside the rule; LossGen then adds no diagnostic of its own there.</summary>
    private bool hasCSharpErrors;

    private OptimizerParser(SemanticModel model) => this.model = model;

    public static ParsedOptimizer Parse(TypeDeclarationSyntax syntax, INamedTypeSymbol type, SemanticModel model) =>
        new OptimizerParser(model).ParseDeclaration(syntax, type);

    private ParsedOptimizer ParseDeclaration(TypeDeclarationSyntax syntax, INamedTypeSymbol type)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            Report(Descriptors.NotPartialStruct, SourceSpan.From(syntax.Identifier), type.Name);
        if (GeneratedMembers.OptimizerCollisionFor(type.Name) is { } member)
            Report(Descriptors.ReservedDeclarationName, SourceSpan.From(syntax.Identifier), type.CSharpName(), member);

        var defines = syntax.Members.OfType<MethodDeclarationSyntax>().Where(m => m.Identifier.Text == "Define").ToList();
        var define = defines.FirstOrDefault();
        // Overloads are legal C#, but only one rule can be compiled: a second one would be ignored.
        foreach (var extra in defines.Skip(1))
            Report(Descriptors.DuplicateDefine, SourceSpan.From(extra.Identifier), type.Name);
        if (define is null)
            Report(Descriptors.MissingUpdateRule, SourceSpan.From(syntax.Identifier), type.Name);
        else if (model.GetDeclaredSymbol(define) is not IMethodSymbol method || !method.IsStatic || !method.ReturnsVoid
                 || (define.Body is null && define.ExpressionBody is null))
            Report(Descriptors.MissingUpdateRule, SourceSpan.From(define.Identifier), type.Name);
        else if (ReadParameters(define, method))
            ReadBody(define);

        var containing = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, new ContainingType(
                (outer.IsRecord ? "partial record " : "partial ") + (outer.TypeKind == TypeKind.Struct ? "struct" : outer.TypeKind == TypeKind.Interface ? "interface" : "class"),
                outer.ToDisplayString(CSharpNames.ContainingTypeFormat)));

        var optimizer = new OptimizerModel(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(CSharpNames.QualifiedFormat),
            type.CSharpName(),
            containing.ToEquatableArray(),
            type.IsRecord ? "record struct" : "struct",
            parameters.ToEquatableArray(),
            // A rule C# itself rejects has no statements: the generator then emits only the fallback.
            diagnostics.Count == 0 && !hasCSharpErrors ? statements.ToEquatableArray() : EquatableArray<UpdateStatement>.Empty,
            diagnostics.Select(d => d.Id).ToEquatableArray())
        {
            RuleSource = define is null ? EquatableArray<string>.Empty : RuleText(define).ToEquatableArray(),
        };
        return new ParsedOptimizer(optimizer, diagnostics.ToEquatableArray());
    }

    /// <summary>The statements of Define's body as written (an expression body becomes one statement).</summary>
    private static IEnumerable<string> RuleText(MethodDeclarationSyntax define) =>
        define.ExpressionBody is { } arrow
            ? new[] { arrow.Expression.ToString() + ";" }
            : define.Body?.Statements.Select(st => st.ToString()) ?? Enumerable.Empty<string>();

    /// <summary>Classifies the parameters; false when the weight or gradient is missing (the body would make no sense).</summary>
    private bool ReadParameters(MethodDeclarationSyntax define, IMethodSymbol method)
    {
        var ps = method.Parameters;
        bool IsReal(ITypeSymbol t) => t.SpecialType is SpecialType.System_Single or SpecialType.System_Double;
        if (ps.Length < 1 || ps[0].RefKind != RefKind.Ref || !IsReal(ps[0].Type))
        {
            Report(Descriptors.MissingWeightOrGradient, ps.Length < 1 ? SourceSpan.From(define.ParameterList) : SpanOf(ps[0]),
                ps.Length < 1 ? "'Define' has no parameters" : $"the first parameter is '{Declared(ps[0])}'");
            return false;
        }
        if (ps.Length < 2 || ps[1].RefKind != RefKind.None || !IsReal(ps[1].Type))
        {
            Report(Descriptors.MissingWeightOrGradient, ps.Length < 2 ? SourceSpan.From(define.ParameterList) : SpanOf(ps[1]),
                ps.Length < 2 ? "'Define' has no gradient parameter" : $"the second parameter is '{Declared(ps[1])}'");
            return false;
        }
        for (var n = 0; n < ps.Length; n++)
        {
            var p = ps[n];
            var kind = n == 0 ? OptimizerParamKind.Weight
                : n == 1 ? OptimizerParamKind.Gradient
                : ClassifyRest(p);
            if (kind is null)
            {
                // Reported (LG0205); its uses in the body stand for a value, so they add no LG0005/LG0203.
                reported.Add(p);
                values[p] = Error;
                continue;
            }
            double? def = kind == OptimizerParamKind.Hyper && p.HasExplicitDefaultValue && p.ExplicitDefaultValue is not null
                ? ToDouble(p.ExplicitDefaultValue)
                : null;
            parameters.Add(new OptimizerParam(p.CSharpName(), kind.Value, def));
            kinds[p] = kind.Value;
            values[p] = kind.Value is OptimizerParamKind.Step or OptimizerParamKind.Hyper
                ? new Hyper(p.CSharpName())
                : new Access(p.CSharpName(), EquatableArray.Of<Ix>(new VarIx(OptimizerModel.Element)));
        }
        return true;
    }

    private OptimizerParamKind? ClassifyRest(IParameterSymbol p)
    {
        var real = p.Type.SpecialType is SpecialType.System_Single or SpecialType.System_Double;
        if (p.RefKind == RefKind.Ref && real) return OptimizerParamKind.State;
        if (p.RefKind == RefKind.None && p.Type.ToDisplayString() == StepType) return OptimizerParamKind.Step;
        if (p.RefKind == RefKind.None && (real || p.Type.SpecialType == SpecialType.System_Int32)) return OptimizerParamKind.Hyper;
        Report(Descriptors.UnsupportedOptimizerParameter, SpanOf(p), p.CSharpName(), TypeWritten(p));
        return null;
    }

    private static string Declared(IParameterSymbol p) => TypeWritten(p) + " " + p.CSharpName();

    /// <summary>The type as declared, with its ref kind: 'ref int' must not read as 'int', a supported type.</summary>
    private static string TypeWritten(IParameterSymbol p) =>
        (p.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", RefKind.RefReadOnlyParameter => "ref readonly ", _ => "" }) + p.Type.ToDisplayString();

    private static SourceSpan SpanOf(IParameterSymbol p) =>
        p.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } syntax
            ? SourceSpan.From(syntax)
            : SourceSpan.From(p.Locations.FirstOrDefault() ?? Location.None);

    private void Report(DiagnosticDescriptor d, SourceSpan span, params string[] args) =>
        diagnostics.Add(DiagnosticInfo.Create(d, span, args));

}
