using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LossGen.Analyzers.Lints;

/// <summary>
/// What a lint of one declaration sees: its syntax and semantic model (for spans and for telling
/// DSL calls from look-alikes) and the compiler's view of it after Parse and Shapes (which tensors
/// are differentiable, the dimension of every index), with the spans the parser recorded for it.
/// Lints run only on declarations that compile.
/// </summary>
internal sealed class LintContext(
    INamedTypeSymbol type, MethodDeclarationSyntax define, SemanticModel semantic, ShapedDeclaration shaped, DeclarationSpans spans,
    CancellationToken cancellation)
{
    private const string DslType = "LossGen.Dsl";

    public INamedTypeSymbol Type { get; } = type;
    public MethodDeclarationSyntax Define { get; } = define;
    public SemanticModel Semantic { get; } = semantic;
    public ShapedDeclaration Shaped { get; } = shaped;
    public DeclarationSpans Spans { get; } = spans;
    public CancellationToken Cancellation { get; } = cancellation;

    private ISymbol? defineSymbol;

    private ISymbol? DefineSymbol => defineSymbol ??= Semantic.GetDeclaredSymbol(Define, Cancellation);

    /// <summary>The index variable the parser read from the lambda parameter at <paramref name="span"/>, if any.</summary>
    public IndexVarSite? IndexVarDeclaredAt(Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        for (var n = 0; n < Spans.IndexVars.Count; n++)
            if (Spans.IndexVars[n].Span == span) return Shaped.Model.IndexVars[n];
        return null;
    }

    /// <summary>Every node of Define's body (the parameters' attributes are not part of the math).</summary>
    public IEnumerable<SyntaxNode> BodyNodes =>
        (Define.ExpressionBody as SyntaxNode ?? Define.Body as SyntaxNode)?.DescendantNodes() ?? Enumerable.Empty<SyntaxNode>();

    /// <summary>Whether <paramref name="call"/> binds to the DSL function <paramref name="name"/> (not a user's look-alike).</summary>
    public bool IsDsl(InvocationExpressionSyntax call, string name) =>
        // The name is compared first: binding every call of a declaration would be the lints' main cost.
        StableForms.CalleeName(call) == name
        && Semantic.GetSymbolInfo(call, Cancellation).Symbol is IMethodSymbol m && m.Name == name && m.ContainingType.ToDisplayString() == DslType;

    /// <summary>
    /// The first differentiable tensor <paramref name="node"/> reads, directly or through the
    /// locals and comprehensions it uses; null when it reads none (only data, labels, constants).
    /// </summary>
    public string? DifferentiableInput(SyntaxNode node) => DifferentiableInput(node, new HashSet<ISymbol>(SymbolEqualityComparer.Default));

    private string? DifferentiableInput(SyntaxNode node, HashSet<ISymbol> visited)
    {
        foreach (var id in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
        {
            switch (Semantic.GetSymbolInfo(id, Cancellation).Symbol)
            {
                case IParameterSymbol p when Shaped.Tensors.Any(t => t.Name == p.Name && t.Kind == ParamKind.Tensor)
                                             && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, DefineSymbol):
                    return p.Name;
                case ILocalSymbol local when visited.Add(local):
                    foreach (var reference in local.DeclaringSyntaxReferences)
                        if (reference.GetSyntax(Cancellation) is VariableDeclaratorSyntax { Initializer: { } init }
                            && DifferentiableInput(init.Value, visited) is { } name)
                            return name;
                    break;
            }
        }
        return null;
    }

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SyntaxNode at, params object[] arguments) =>
        Diagnostic.Create(descriptor, at.GetLocation(), arguments);

    public static Diagnostic Create(DiagnosticDescriptor descriptor, SyntaxNode at, ImmutableDictionary<string, string?> properties, params object[] arguments) =>
        Diagnostic.Create(descriptor, at.GetLocation(), properties, arguments);
}
