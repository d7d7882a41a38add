using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

using static LossGen.Compiler.Parse.DslSyntax;

namespace LossGen.Compiler.Parse;

/// <summary>
/// Read and Parse: turns an attributed <c>partial struct</c> and its <c>Define</c> method into a
/// <see cref="DeclarationModel"/>, and where its parts were written into <see cref="DeclarationSpans"/>
/// (each site, index variable and label comparison is added to both at once, so the lists stay
/// parallel). This is the only code that touches Roslyn symbols and syntax.
/// Anything outside the DSL becomes a diagnostic at the exact span of the offending construct;
/// parsing continues past it so one build reports every problem, and it never throws.
/// </summary>
internal sealed partial class DslParser
{
    private const string DslType = "LossGen.Dsl";
    private const string TensorType = "LossGen.Tensor";
    private const string LabelsType = "LossGen.Labels";
    private const string IndexVarType = "LossGen.IndexVar";
    private const string ShapeAttribute = "LossGen.ShapeAttribute";
    private const string ConstAttribute = "LossGen.ConstAttribute";

    private readonly SemanticModel model;
    private readonly List<DiagnosticInfo> diagnostics = new();
    private readonly List<AccessSite> sites = new();
    private readonly List<SiteSpans> siteSpans = new();
    private readonly List<IndexVarSite> indexVars = new();
    private readonly List<SourceSpan> indexVarSpans = new();
    private readonly List<LabelCompareSite> labelCompares = new();
    private readonly List<SourceSpan> labelCompareSpans = new();
    private readonly Dictionary<string, ParamModel> parameters = new(StringComparer.Ordinal);
    private readonly HashSet<string> usedVarNames = new(StringComparer.Ordinal);
    private readonly Dictionary<ISymbol, Expr> scalarLocals = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ISymbol, LambdaExpressionSyntax> comprehensions = new(SymbolEqualityComparer.Default);

    private DslParser(SemanticModel model) => this.model = model;

    public static ParsedDeclaration Parse(TypeDeclarationSyntax syntax, INamedTypeSymbol type, SemanticModel model, DeclarationKind kind) =>
        new DslParser(model).ParseDeclaration(syntax, type, kind);

    /// <summary>Set when the body has C# errors of its own: the compiler reports those, LossGen adds nothing.</summary>
    private bool hasCSharpErrors;

    private ParsedDeclaration ParseDeclaration(TypeDeclarationSyntax syntax, INamedTypeSymbol type, DeclarationKind kind)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword))
            Report(Descriptors.NotPartialStruct, SourceSpan.From(syntax.Identifier), type.Name, "partial struct");
        // The generated part is non-generic, so for a generic declaration it would silently
        // declare a different type and the user's would get nothing. (Generic outer types are
        // fine: the generated part is emitted inside them with their type parameters.)
        if (GeneratedMembers.CollisionFor(type.Name, kind) is { } member)
            Report(Descriptors.ReservedDeclarationName, SourceSpan.From(syntax.Identifier), type.CSharpName(), member);
        if (syntax.TypeParameterList is { } typeParameters)
            Report(Descriptors.GenericDeclaration, SourceSpan.From(typeParameters), syntax.Identifier.Text);
        // The generated members are emitted inside the same outer types, so each must be partial too;
        // otherwise the generated part itself would not compile.
        for (var outer = syntax.Parent as TypeDeclarationSyntax; outer is not null; outer = outer.Parent as TypeDeclarationSyntax)
            if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
                Report(Descriptors.NotPartialStruct, SourceSpan.From(outer.Identifier), outer.Identifier.Text, "partial " + outer.Keyword.Text);

        var defines = syntax.Members.OfType<MethodDeclarationSyntax>().Where(m => m.Identifier.Text == "Define").ToList();
        var define = defines.FirstOrDefault();
        // Overloads are legal C#, but only one rule can be compiled: a second one would be ignored.
        foreach (var extra in defines.Skip(1))
            Report(Descriptors.DuplicateDefine, SourceSpan.From(extra.Identifier), type.Name);
        Expr? body = null;
        var paramModels = new List<ParamModel>();
        if (define is null)
        {
            Report(Descriptors.MissingDefine, SourceSpan.From(syntax.Identifier), type.Name);
        }
        else if (model.GetDeclaredSymbol(define) is not IMethodSymbol method || !method.IsStatic
                 || method.ReturnType.SpecialType is not (SpecialType.System_Single or SpecialType.System_Double)
                 || (define.Body is null && define.ExpressionBody is null))
        {
            Report(Descriptors.MissingDefine, SourceSpan.From(define.Identifier), type.Name);
        }
        else
        {
            foreach (var p in method.Parameters) paramModels.Add(ReadParameter(p));
            foreach (var p in paramModels) parameters[p.Name] = p;
            body = ParseBody(define);
            AttachBroadcastFixes();
        }

        var containing = new List<ContainingType>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            containing.Insert(0, new ContainingType(
                (outer.IsRecord ? "partial record " : "partial ") + (outer.TypeKind == TypeKind.Struct ? "struct" : outer.TypeKind == TypeKind.Interface ? "interface" : "class"),
                outer.ToDisplayString(CSharpNames.ContainingTypeFormat)));

        // An unannotated tensor used whole has the shape it was inferred to have, as if declared;
        // otherwise its rank is the rank of its first use.
        var withRanks = paramModels.Select(p =>
            p.IsTensor && p.DeclaredDims.Count == 0 && inferredShapes.TryGetValue(p.Name, out var inferred)
                ? p with { DeclaredDims = inferred.Shape.Dims.Select(Shapes.DimNames.FromDim).ToEquatableArray(), Rank = inferred.Shape.Rank, InferredFrom = inferred.From }
            : p.IsTensor && p.Rank == 0
                ? p with { Rank = sites.FirstOrDefault(s => s.Tensor == p.Name)?.Indices.Count ?? 0 }
                : p).ToEquatableArray();

        var declaration = new DeclarationModel(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(CSharpNames.QualifiedFormat),
            type.CSharpName(),
            containing.ToEquatableArray(),
            type.IsRecord ? "record struct" : "struct",
            kind,
            withRanks,
            diagnostics.Count == 0 && !hasCSharpErrors ? body : null,
            sites.ToEquatableArray(),
            indexVars.ToEquatableArray(),
            labelCompares.ToEquatableArray(),
            define?.ToString() ?? "",
            diagnostics.Select(d => d.Id).ToEquatableArray());
        var spans = new DeclarationSpans(siteSpans.ToEquatableArray(), indexVarSpans.ToEquatableArray(),
            labelCompareSpans.ToEquatableArray(), diagnostics.ToEquatableArray());
        return new ParsedDeclaration(declaration, spans);
    }

    private ParamModel ReadParameter(IParameterSymbol p)
    {
        var span = SourceSpan.From(p.Locations.FirstOrDefault() ?? Location.None);
        var typeName = p.Type.ToDisplayString();
        var isConst = p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ConstAttribute);
        var dims = ReadShape(p, span, hasShape: typeName is TensorType or LabelsType);
        if (typeName == TensorType)
            return new ParamModel(p.CSharpName(), isConst ? ParamKind.ConstTensor : ParamKind.Tensor, dims, dims.Count, null);
        if (typeName == LabelsType)
            return new ParamModel(p.CSharpName(), ParamKind.Labels, dims, dims.Count, null);
        if (p.Type.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Int32
            && p.RefKind == RefKind.None)
        {
            // A float default is read through its shortest round-trip text, so 0.1f means 0.1 in
            // the double overload too, not 0.10000000149011612.
            double? def = p.HasExplicitDefaultValue && p.ExplicitDefaultValue is not null ? ToDouble(p.ExplicitDefaultValue) : null;
            return new ParamModel(p.CSharpName(), ParamKind.Hyper, EquatableArray<string>.Empty, 0, def);
        }
        // 'ref float' must not read as 'float', which would look like a supported type.
        var written = p.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", RefKind.RefReadOnlyParameter => "ref readonly ", _ => "" };
        Report(Descriptors.UnsupportedParameter, span, p.CSharpName(), written + typeName);
        return new ParamModel(p.CSharpName(), ParamKind.Hyper, EquatableArray<string>.Empty, 0, null);
    }

    private EquatableArray<string> ReadShape(IParameterSymbol p, SourceSpan span, bool hasShape)
    {
        var attr = p.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ShapeAttribute);
        if (attr is null || attr.ConstructorArguments.Length != 1) return EquatableArray<string>.Empty;
        var attrSyntax = attr.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
        var attrSpan = attrSyntax is not null ? SourceSpan.From(attrSyntax) : span;
        // Ignoring it would let a user believe a scalar was checked against dimensions.
        if (!hasShape)
        {
            Report(Descriptors.InvalidShapeAttribute, attrSpan, p.CSharpName(), "only Tensor and Labels parameters have a shape");
            return EquatableArray<string>.Empty;
        }
        // [Shape(null)] passes a null array, whose Values cannot be enumerated.
        var arg = attr.ConstructorArguments[0];
        var names = arg.IsNull ? new List<string>() : arg.Values.Select(v => v.Value as string ?? "").ToList();
        // A bad name is reported at its own argument when the names are written one by one.
        var written = attrSyntax?.ArgumentList?.Arguments;
        for (var k = 0; k < names.Count; k++)
            if (!SyntaxFacts.IsValidIdentifier(names[k]) && !Shapes.DimNames.IsFixed(names[k]))
                Report(Descriptors.InvalidShapeAttribute,
                    written is { } a && a.Count == names.Count ? SourceSpan.From(a[k].Expression) : attrSpan,
                    p.CSharpName(), $"'{names[k]}' is neither a dimension name nor a positive size");
        // Repeated names are allowed: a square matrix is [D, D].
        if (names.Count == 0)
            Report(Descriptors.InvalidShapeAttribute, attrSpan, p.CSharpName(), "it names no dimensions");
        return names.ToEquatableArray();
    }

    private Expr? ParseBody(MethodDeclarationSyntax define)
    {
        if (define.ExpressionBody is { } arrow) return ParseExpr(arrow.Expression);

        Expr? result = null;
        var statements = define.Body!.Statements;
        for (var n = 0; n < statements.Count; n++)
        {
            switch (statements[n])
            {
                case LocalDeclarationStatementSyntax local:
                    foreach (var v in local.Declaration.Variables) DeclareLocal(v);
                    break;
                case ReturnStatementSyntax { Expression: { } e } when n == statements.Count - 1:
                    result = ParseExpr(e);
                    break;
                case var other:
                    Report(Descriptors.UnsupportedStatement, SourceSpan.From(other), FirstLine(other));
                    break;
            }
        }
        if (result is null && diagnostics.Count == 0)
            Report(Descriptors.UnsupportedStatement, SourceSpan.From(define.Body), "a body without a final 'return'");
        return result;
    }

    private void DeclareLocal(VariableDeclaratorSyntax v)
    {
        if (v.Initializer is null || model.GetDeclaredSymbol(v) is not { } symbol)
        {
            Report(Descriptors.UnsupportedStatement, SourceSpan.From(v), FirstLine(v));
            return;
        }
        var init = Unwrap(v.Initializer.Value);
        if (init is InvocationExpressionSyntax call && model.GetSymbolInfo(call).Symbol is IMethodSymbol m
            && m.ContainingType.ToDisplayString() == TensorType && m.Name == "Of"
            && call.ArgumentList.Arguments.Count == 1 && call.ArgumentList.Arguments[0].Expression is LambdaExpressionSyntax lambda)
        {
            // A named comprehension is re-read at each use with its parameters bound to the use's
            // indices, so every use is checked and differentiated where it stands.
            comprehensions[symbol] = lambda;
            return;
        }
        if (symbol is ILocalSymbol { Type: var t } && t.ToDisplayString() == TensorType)
        {
            // A whole-tensor local is inlined at each use like a comprehension; its shape is
            // checked here, once, even if it is never used.
            tensorLocals[symbol] = v.Initializer.Value;
            ShapeOf(v.Initializer.Value);
            return;
        }
        scalarLocals[symbol] = ParseExpr(v.Initializer.Value);
    }

    private static ExpressionSyntax Unwrap(ExpressionSyntax e) =>
        e is ParenthesizedExpressionSyntax p ? Unwrap(p.Expression) : e;

    private void Report(DiagnosticDescriptor d, SourceSpan span, params string[] args) =>
        diagnostics.Add(DiagnosticInfo.Create(d, span, args));

    private void AddSite(AccessSite site, SourceSpan span, EquatableArray<SourceSpan> indexSpans)
    {
        sites.Add(site);
        siteSpans.Add(new SiteSpans(span, indexSpans));
    }

    private void AddIndexVar(IndexVarSite site, SourceSpan span)
    {
        indexVars.Add(site);
        indexVarSpans.Add(span);
    }

    private void AddLabelCompare(LabelCompareSite site, SourceSpan span)
    {
        labelCompares.Add(site);
        labelCompareSpans.Add(span);
    }

    private string FreshVar(string name)
    {
        var candidate = name;
        for (var n = 2; !usedVarNames.Add(candidate); n++) candidate = name + n;
        return candidate;
    }
}
