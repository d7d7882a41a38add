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

// DSL expressions → IR.
internal sealed partial class DslParser
{
    /// <summary>Lambda parameters in scope, bound to the index they stand for.</summary>
    private readonly Dictionary<ISymbol, Ix> indexBindings = new(SymbolEqualityComparer.Default);

    /// <summary>Stands in for a construct that was reported, so parsing can go on.</summary>
    private static readonly Expr Error = Const.Zero;

    private Expr ParseExpr(ExpressionSyntax syntax)
    {
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return ParseExpr(p.Expression);
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NumericLiteralExpression } lit:
                return E.C(ToDouble(lit.Token.Value));
            case CastExpressionSyntax cast when IsTruncation(cast):
                // (int)2.5f is the constant 2; (int)x would be compiled as x, a silently wrong number.
                return model.GetConstantValue(cast) is { HasValue: true, Value: { } truncated }
                    ? E.C(ToDouble(truncated))
                    : Unsupported(cast, "a cast to int truncates, which the DSL does not compute (and whose derivative would be zero almost everywhere)");
            case CastExpressionSyntax cast when IsNumeric(model.GetTypeInfo(cast).Type):
                return ParseExpr(cast.Expression);
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } neg:
                return E.Neg(ParseExpr(neg.Operand));
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryPlusExpression } plus:
                return ParseExpr(plus.Operand);
            case BinaryExpressionSyntax bin when ArithmeticOp(bin) is { } op:
                return new Binary(op, ParseExpr(bin.Left), ParseExpr(bin.Right));
            case ConditionalExpressionSyntax c:
                return new Select(ParseCond(c.Condition), ParseExpr(c.WhenTrue), ParseExpr(c.WhenFalse));
            case IdentifierNameSyntax id:
                return ParseIdentifier(id);
            case ElementAccessExpressionSyntax access:
                return ParseElementAccess(access);
            case InvocationExpressionSyntax call:
                return ParseCall(call);
            default:
                return Unsupported(syntax, "only arithmetic, DSL functions, element access and the conditional operator are allowed");
        }
    }

    private Expr Unsupported(SyntaxNode node, string why)
    {
        Report(Descriptors.UnsupportedExpression, SourceSpan.From(node), FirstLine(node), why);
        return Error;
    }

    /// <summary>A cast from a floating-point value to int.</summary>
    private bool IsTruncation(CastExpressionSyntax cast) =>
        model.GetTypeInfo(cast).Type?.SpecialType == SpecialType.System_Int32
        && model.GetTypeInfo(cast.Expression).Type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

    private static bool IsNumeric(ITypeSymbol? t) =>
        t?.SpecialType is SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Int32;

    /// <summary>
    /// A Pow exponent that names a scalar hyper-parameter of the declaration (the γ of a focal
    /// loss), or null. Only the name itself: an arithmetic expression of hyper-parameters would
    /// need its own rules at 0 and is written with the hyper-parameter adjusted instead.
    /// </summary>
    private Hyper? HyperExponent(ExpressionSyntax e)
    {
        while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
        return e is IdentifierNameSyntax id && model.GetSymbolInfo(id).Symbol is IParameterSymbol s
               && !indexBindings.ContainsKey(s) && parameters.TryGetValue(s.CSharpName(), out var param) && param.Kind == ParamKind.Hyper
            ? new Hyper(s.CSharpName())
            : null;
    }

    private Expr ParseIdentifier(IdentifierNameSyntax id)
    {
        var symbol = model.GetSymbolInfo(id).Symbol;
        switch (symbol)
        {
            case IParameterSymbol p when indexBindings.ContainsKey(p):
                return Unsupported(id, "an index variable is not a number; compare it with '==' inside a conditional instead");
            case IParameterSymbol p when parameters.TryGetValue(p.CSharpName(), out var param):
                return param.Kind == ParamKind.Hyper
                    ? new Hyper(p.CSharpName())
                    : Unsupported(id, $"the tensor '{p.CSharpName()}' must be indexed, as in {p.CSharpName()}[i]");
            case ILocalSymbol l when scalarLocals.TryGetValue(l, out var value):
                return value;
            case ILocalSymbol l when comprehensions.ContainsKey(l):
                return Unsupported(id, $"the comprehension '{l.Name}' must be indexed, as in {l.Name}[i, j]");
            default:
                return Unsupported(id, "only parameters of Define, index variables and locals can be named");
        }
    }

    private Expr ParseElementAccess(ElementAccessExpressionSyntax access)
    {
        var args = access.ArgumentList.Arguments;
        var indices = args.Select(a => ParseIx(a.Expression)).ToList();
        if (indices.Any(i => i is null)) return Error;
        var ix = indices.Select(i => i!).ToEquatableArray();

        var target = model.GetSymbolInfo(access.Expression).Symbol;
        if (target is IParameterSymbol p && parameters.TryGetValue(p.CSharpName(), out var param) && param.IsTensor)
        {
            if (param.Kind == ParamKind.Labels)
                return Unsupported(access, $"labels are indices, not numbers: use '{p.CSharpName()}[…]' as an index, as in s[i, {p.CSharpName()}[i]]");
            AddSite(new AccessSite(p.CSharpName(), ix), SourceSpan.From(access),
                args.Select(a => SourceSpan.From(a)).ToEquatableArray());
            return new Access(p.CSharpName(), ix);
        }
        if (target is ILocalSymbol local && comprehensions.TryGetValue(local, out var lambda))
            return InlineComprehension(access, lambda, ix);
        if (target is ILocalSymbol whole && tensorLocals.TryGetValue(whole, out var init))
            return IndexTensorLocal(access, init, ix);
        return Unsupported(access, "only tensor parameters and Tensor.Of comprehensions can be indexed");
    }

    /// <summary>An index: an index variable, or a label <c>y[i]</c>.</summary>
    private Ix? ParseIx(ExpressionSyntax syntax)
    {
        syntax = Unwrap(syntax);
        if (syntax is IdentifierNameSyntax id && model.GetSymbolInfo(id).Symbol is IParameterSymbol lp
            && indexBindings.TryGetValue(lp, out var bound))
            return bound;
        if (syntax is ElementAccessExpressionSyntax ea && model.GetSymbolInfo(ea.Expression).Symbol is IParameterSymbol lab
            && parameters.TryGetValue(lab.CSharpName(), out var lparam) && lparam.Kind == ParamKind.Labels)
        {
            var inner = ea.ArgumentList.Arguments.Select(a => ParseIx(a.Expression)).ToList();
            if (inner.Any(i => i is null)) return null;
            var innerIx = inner.Select(i => i!).ToEquatableArray();
            AddSite(new AccessSite(lab.CSharpName(), innerIx), SourceSpan.From(ea),
                ea.ArgumentList.Arguments.Select(a => SourceSpan.From(a)).ToEquatableArray());
            return new LabelIx(lab.CSharpName(), innerIx);
        }
        // IndexVar declares these operators only so that C# accepts the expression and this one
        // diagnostic, at the index, is all the user sees.
        if (syntax is BinaryExpressionSyntax or PrefixUnaryExpressionSyntax
            && model.GetTypeInfo(syntax).Type is { Name: "IndexVar" })
        {
            Report(Descriptors.IndexArithmetic, SourceSpan.From(syntax), syntax.ToString());
            return null;
        }
        Unsupported(syntax, "an index must be an index variable or a label such as y[i]");
        return null;
    }

    private Expr InlineComprehension(ElementAccessExpressionSyntax access, LambdaExpressionSyntax lambda, EquatableArray<Ix> ix)
    {
        var ps = LambdaParameters(lambda);
        if (ps.Count != ix.Count)
        {
            Report(Descriptors.RankMismatch, SourceSpan.From(access), access.Expression.ToString(),
                ps.Count.ToString(), "a comprehension", ix.Count.ToString(), ix.Count == 1 ? "index" : "indices");
            return Error;
        }
        if (lambda.Body is not ExpressionSyntax body)
            return Unsupported(lambda, "a comprehension body must be an expression");
        var symbols = ps.Select(p => model.GetDeclaredSymbol(p)).ToList();
        for (var n = 0; n < symbols.Count; n++)
            if (symbols[n] is { } symbol) indexBindings[symbol] = ix[n];
        var result = ParseExpr(body);
        foreach (var s in symbols)
            if (s is not null) indexBindings.Remove(s);
        return result;
    }

    private static IReadOnlyList<ParameterSyntax> LambdaParameters(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax s => new[] { s.Parameter },
        ParenthesizedLambdaExpressionSyntax p => p.ParameterList.Parameters.ToList(),
        _ => new ParameterSyntax[0],
    };

    private Expr ParseCall(InvocationExpressionSyntax call)
    {
        var info = model.GetSymbolInfo(call);
        var method = info.Symbol as IMethodSymbol ?? DslCandidate(info);
        var name = method?.Name ?? call.Expression.ToString();
        if (method is null && model.GetDiagnostics(call.Span).Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            // The call does not type-check (wrong argument types): C# says why; no LossGen error on top.
            hasCSharpErrors = true;
            return Error;
        }
        if (method is null || method.ContainingType.ToDisplayString() != DslType)
        {
            Report(Descriptors.UnknownFunction, SourceSpan.From(call), call.Expression.ToString());
            return Error;
        }
        var args = call.ArgumentList.Arguments.Select(a => a.Expression).ToList();
        // Sum(X), Mean(D): a whole tensor reduced to a number.
        if (method.Parameters.Length == 1 && method.Parameters[0].Type.ToDisplayString() == TensorType && args.Count == 1)
            return IsReduction(name) ? ParseFullReduction(call, name, args[0]) : Unsupported(call, $"'{name}' of a whole tensor is a tensor; reduce it, as in Sum({name}(x))");
        if (args.Count == 1 && Unwrap(args[0]) is LambdaExpressionSyntax lambda)
            return ParseReduction(name, lambda);
        // Only reachable when C# itself reports the call (a DSL function with the wrong arguments).
        var function = DslVocabulary.Find(name, DslForms.Indexed);
        var arity = function?.PointwiseArity ?? 1;
        if (args.Count != arity)
            return Unsupported(call, arity < 0 || args.Count == 1 && IsReduction(name)
                ? $"'{name}' takes a lambda over index variables, as in {name}(i => x[i])"
                : $"'{name}' does not take {args.Count} argument{(args.Count == 1 ? "" : "s")}");

        if (function is { Unary: { } unary }) return E.Un(unary, ParseExpr(args[0]));
        if (function is { Binary: { } binary }) return new Binary(binary, ParseExpr(args[0]), ParseExpr(args[1]));
        if (function is { IsPow: true })
        {
            var exponent = model.GetConstantValue(args[1]);
            if (HyperExponent(args[1]) is { } hyper) return new PowHyper(ParseExpr(args[0]), hyper);
            if (!exponent.HasValue || exponent.Value is null)
            {
                Report(Descriptors.NonConstantExponent, SourceSpan.From(args[1]), args[1].ToString());
                return Error;
            }
            return new PowConst(ParseExpr(args[0]), ToDouble(exponent.Value));
        }
        Report(Descriptors.UnknownFunction, SourceSpan.From(call), call.Expression.ToString());
        return Error;
    }

    /// <summary>
    /// A call whose arguments do not type-check (an error inside a lambda body makes C# reject the
    /// whole call) still names a DSL function; parsing its arguments finds the construct at fault,
    /// where reporting the outer call as unknown would point at the wrong place with the wrong ID.
    /// </summary>
    private static IMethodSymbol? DslCandidate(SymbolInfo info) =>
        info.CandidateSymbols.Length > 0 && info.CandidateSymbols.All(c => c is IMethodSymbol m && m.ContainingType.ToDisplayString() == DslType)
            ? (IMethodSymbol)info.CandidateSymbols[0]
            : null;

    private static bool IsReduction(string name) => DslVocabulary.Find(name, DslForms.Indexed)?.Reduction is not null;

    private Expr ParseReduction(string name, LambdaExpressionSyntax lambda)
    {
        var op = DslVocabulary.Find(name, DslForms.Indexed)?.Reduction;
        if (op is null) return Unsupported(lambda, $"'{name}' does not take a lambda");
        if (lambda.Body is not ExpressionSyntax body)
            return Unsupported(lambda, "a reduction body must be an expression, not a block");

        // Every index variable gets a name unique in the declaration, so later passes can move
        // expressions between scopes without capture.
        var ps = LambdaParameters(lambda);
        var vars = new List<string>();
        foreach (var p in ps)
        {
            var v = FreshVar(p.Identifier.Text);
            vars.Add(v);
            AddIndexVar(new IndexVarSite(v, p.Identifier.Text), SourceSpan.From(p));
            // A lambda C# could not bind may have no parameter symbol; its uses are then reported.
            if (model.GetDeclaredSymbol(p) is { } symbol) indexBindings[symbol] = new VarIx(v);
        }
        var result = ParseExpr(body);
        foreach (var p in ps)
            if (model.GetDeclaredSymbol(p) is { } symbol) indexBindings.Remove(symbol);
        for (var n = vars.Count - 1; n >= 0; n--) result = new Reduce(op.Value, vars[n], "", result);
        return result;
    }

    private Cond ParseCond(ExpressionSyntax syntax)
    {
        syntax = Unwrap(syntax);
        switch (syntax)
        {
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                return new NotCond(ParseCond(not.Operand));
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression):
                return new AndCond(ParseCond(b.Left), ParseCond(b.Right));
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression):
                return new OrCond(ParseCond(b.Left), ParseCond(b.Right));
            case BinaryExpressionSyntax b when CompareOpOf(b) is { } op:
                if (model.GetTypeInfo(b.Left).Type?.ToDisplayString() == IndexVarType)
                {
                    var l = ParseIx(b.Left);
                    var r = ParseIx(b.Right);
                    if (l is null || r is null) return new ValueCompare(CompareOp.Eq, Error, Error);
                    // j == y[i] says y's values range over j's dimension: the Shapes pass checks it.
                    var label = l as LabelIx ?? r as LabelIx;
                    if (label is not null && (l is LabelIx ? r : l) is VarIx compared)
                        AddLabelCompare(new LabelCompareSite(label.Labels, compared.Var), SourceSpan.From(b));
                    return new IndexCompare(op, l, r);
                }
                return new ValueCompare(op, ParseExpr(b.Left), ParseExpr(b.Right));
            default:
                Unsupported(syntax, "a condition compares indices, labels or values with ==, !=, <, <=, >, >=, combined with &&, || and !");
                return new ValueCompare(CompareOp.Eq, Error, Error);
        }
    }

}
