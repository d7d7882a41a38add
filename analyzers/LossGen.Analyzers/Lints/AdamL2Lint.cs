using System.Linq;
using LossGen.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace LossGen.Analyzers.Lints;

/// <summary>
/// LG0305: L2 regularization where decoupled weight decay (AdamW) was probably meant. With Adam,
/// an L2 term's gradient λw is divided by the running RMS like the loss's gradient, so weights with
/// large gradients are hardly decayed (Loshchilov and Hutter); AdamW decays every weight by the same
/// factor. Reported where both are visible in the user's code:
/// <list type="bullet">
/// <item><c>new Adam.Optimizer&lt;T&gt;(…, weightDecay: λ)</c> with λ not the constant 0: PyTorch's
///   Adam <c>weight_decay</c>, which is L2 added to the gradient — at the argument;</item>
/// <item><c>Trainer.Create(new LinearSoftmaxObjective&lt;T&gt;(…), new Adam.Optimizer&lt;T&gt;(…), …)</c>
///   (or LinearSvmObjective) whose λ — explicit, or the default 1e-3 — is not the constant 0: the
///   objective's λΣW² — at the λ argument, or at the objective when λ is the default.</item>
/// </list>
/// An objective or optimizer built elsewhere and passed in a variable is not followed, nor a
/// <c>Create</c> not written <c>Trainer.Create</c> (through <c>using static</c>).
/// </summary>
internal static class AdamL2Lint
{
    private const string AdamOptimizer = "LossGen.Builtins.Adam+Optimizer`1";
    private const string Trainer = "LossGen.Training.Trainer";
    private static readonly string[] Objectives = { "LossGen.Training.LinearSoftmaxObjective`1", "LossGen.Training.LinearSvmObjective`1" };

    /// <summary>
    /// One syntax action, on object creations only: both forms create an Adam.Optimizer, and
    /// creations are rare where invocations are everywhere (every DSL call is one). The written
    /// name is checked before anything is bound, and the LossGen types are looked up only then:
    /// a lookup in a compilation start action would be the first use of the compilation's
    /// declarations, and so would parse all the generated code on the analyzer's clock.
    /// </summary>
    public static void Register(AnalysisContext context) =>
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.ObjectCreationExpression, SyntaxKind.ImplicitObjectCreationExpression);

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        // A target-typed new() names no type; it is rare enough to bind each one. A creation passed
        // straight to a Create call is bound whatever its name (an alias of Adam.Optimizer<T>).
        var syntax = (BaseObjectCreationExpressionSyntax)context.Node;
        var create = CreateCallAround(syntax);
        if (syntax is ObjectCreationExpressionSyntax { Type: var type } && !Names(type, "Optimizer") && create is null
            || context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IObjectCreationOperation creation
            || context.Compilation.GetTypeByMetadataName(AdamOptimizer) is not { } adam
            || !IsCreationOf(creation, adam))
            return;
        var decay = Argument(creation, "weightDecay");
        if (decay is { ArgumentKind: ArgumentKind.Explicit } && !IsZero(decay.Value))
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.L2WithAdam, decay.Syntax.GetLocation(),
                "Adam.Optimizer's weightDecay", "give it this weightDecay instead"));
        if (create is not null) AnalyzeTrainer(context, create, syntax, adam);
    }

    /// <summary><c>Trainer.Create(new LinearSoftmaxObjective&lt;T&gt;(…), new Adam.Optimizer&lt;T&gt;(…), …)</c>, from its optimizer <paramref name="optimizerSyntax"/>.</summary>
    private static void AnalyzeTrainer(SyntaxNodeAnalysisContext context, InvocationExpressionSyntax syntax, SyntaxNode optimizerSyntax, INamedTypeSymbol adam)
    {
        if (context.SemanticModel.GetOperation(syntax, context.CancellationToken) is not IInvocationOperation call
            || context.Compilation.GetTypeByMetadataName(Trainer) is not { } trainer
            || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, trainer))
            return;
        var objective = Created(call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "objective")?.Value);
        var optimizer = Created(call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "optimizer")?.Value);
        // Only the creation that is the optimizer argument reports, so a call is reported once.
        if (objective is null || optimizer is null || optimizer.Syntax != optimizerSyntax || !IsCreationOf(optimizer, adam)
            || !Objectives.Any(o => context.Compilation.GetTypeByMetadataName(o) is { } t && IsCreationOf(objective, t)))
            return;
        var lambda = Argument(objective, "lambda");
        if (lambda is null || IsZero(lambda.Value)) return;
        var at = lambda.ArgumentKind == ArgumentKind.Explicit ? lambda.Syntax : objective.Syntax;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.L2WithAdam, at.GetLocation(),
            $"The lambda of {objective.Type!.Name}", "set lambda to 0"));
    }

    /// <summary>The <c>….Create(…)</c> call <paramref name="creation"/> is an argument of (through parentheses and casts), if any.</summary>
    private static InvocationExpressionSyntax? CreateCallAround(ExpressionSyntax creation)
    {
        var node = creation.Parent;
        while (node is ParenthesizedExpressionSyntax or CastExpressionSyntax) node = node.Parent;
        return node is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
               && call.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Create" }
            ? call
            : null;
    }

    /// <summary>Whether a written type is <paramref name="name"/> (<c>Adam.Optimizer&lt;float&gt;</c>, possibly qualified).</summary>
    private static bool Names(TypeSyntax type, string name) => type switch
    {
        GenericNameSyntax g => g.Identifier.Text == name,
        QualifiedNameSyntax q => Names(q.Right, name),
        AliasQualifiedNameSyntax a => Names(a.Name, name),
        IdentifierNameSyntax i => i.Identifier.Text == name,
        _ => false,
    };

    private static bool IsCreationOf(IObjectCreationOperation creation, INamedTypeSymbol generic) =>
        SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, generic);

    private static IArgumentOperation? Argument(IObjectCreationOperation creation, string name) =>
        creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name);

    /// <summary>The object creation an argument is, through the implicit conversions of generic inference.</summary>
    private static IObjectCreationOperation? Created(IOperation? value)
    {
        while (value is IConversionOperation conversion) value = conversion.Operand;
        return value as IObjectCreationOperation;
    }

    private static bool IsZero(IOperation value) =>
        value.ConstantValue is { HasValue: true, Value: { } v } && System.Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture) == 0;
}
