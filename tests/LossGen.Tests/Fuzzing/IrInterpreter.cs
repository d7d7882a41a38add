using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Passes;

namespace LossGen.Tests.Fuzzing;

/// <summary>The inputs of one evaluation: tensors (row-major), labels, dimension sizes and hyper-parameters, by name.</summary>
internal sealed record IrInputs(
    IReadOnlyDictionary<string, double[]> Tensors,
    IReadOnlyDictionary<string, int[]> Labels,
    IReadOnlyDictionary<string, int> Dims,
    IReadOnlyDictionary<string, double> Hypers);

/// <summary>
/// The reference semantics of the LossGen IR, in double: plain nested loops over the output of the
/// Shapes pass, before any rewrite (no canonical names, no log-sum-exp fusion, no CSE, no vector
/// lanes). Differential fuzzing compares the generated kernels against it, so it is deliberately
/// the most literal reading of each node. It also records the largest magnitude of any
/// intermediate value, which scales the rounding tolerance of the comparison.
/// </summary>
internal sealed class IrInterpreter
{
    private readonly ShapedDeclaration decl;
    private readonly IrInputs inputs;
    private readonly Dictionary<string, int> env = new(StringComparer.Ordinal);

    private IrInterpreter(ShapedDeclaration decl, IrInputs inputs)
    {
        this.decl = decl;
        this.inputs = inputs;
    }

    /// <summary>The largest |v| over every intermediate value of the last evaluation.</summary>
    public double MaxMagnitude { get; private set; }

    public static (double Value, double MaxMagnitude) Evaluate(ShapedDeclaration decl, IrInputs inputs)
    {
        var interpreter = new IrInterpreter(decl, inputs);
        var value = interpreter.Eval(decl.Body);
        return (value, interpreter.MaxMagnitude);
    }

    /// <summary>Evaluates a subexpression with its free index variables bound as given (for the kink oracle).</summary>
    public static double EvaluateIn(ShapedDeclaration decl, IrInputs inputs, Expr e, IReadOnlyDictionary<string, int> bindings)
    {
        var interpreter = new IrInterpreter(decl, inputs);
        foreach (var (v, k) in bindings) interpreter.env[v] = k;
        return interpreter.Eval(e);
    }

    private double Eval(Expr e)
    {
        var v = EvalNode(e);
        if (double.IsFinite(v)) MaxMagnitude = Math.Max(MaxMagnitude, Math.Abs(v));
        return v;
    }

    private double EvalNode(Expr e) => e switch
    {
        Const c => c.Value,
        Hyper h => inputs.Hypers[h.Name],
        Extent x => inputs.Dims[x.Dim],
        Access a => inputs.Tensors[a.Tensor][Offset(a.Tensor, a.Indices)],
        Unary u => Unary(u.Op, Eval(u.X)),
        PowConst p => Math.Pow(Eval(p.X), p.P),
        // Defined for x ≥ 0 only (docs/subgradients.md): no run-time exponent is known to be an integer.
        PowHyper p => Eval(p.X) is var x && x >= 0 ? Math.Pow(x, Eval(p.P)) : double.NaN,
        Binary b => Binary(b.Op, Eval(b.A), Eval(b.B)),
        Select s => Test(s.Cond) ? Eval(s.IfTrue) : Eval(s.IfFalse),
        Reduce r => Reduce(r),
        _ => throw new NotSupportedException("IR node " + e.GetType().Name),
    };

    private static double Unary(UnaryOp op, double x) => op switch
    {
        UnaryOp.Neg => -x,
        UnaryOp.Exp => Math.Exp(x),
        UnaryOp.Log => Math.Log(x),
        UnaryOp.Sqrt => Math.Sqrt(x),
        UnaryOp.Sqr => x * x,
        UnaryOp.Abs => Math.Abs(x),
        UnaryOp.Sign => Math.Sign(x),
        UnaryOp.Relu => x > 0 ? x : 0,
        // The textbook forms (exp(−x) → ∞ gives the right limit 0 for the sigmoid); softplus is split
        // at 0 only so that a large argument does not overflow exp.
        UnaryOp.Sigmoid => 1 / (1 + Math.Exp(-x)),
        UnaryOp.Softplus => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x)),
        UnaryOp.Tanh => Math.Tanh(x),
        _ => throw new NotSupportedException("unary " + op),
    };

    private static double Binary(BinaryOp op, double a, double b) => op switch
    {
        BinaryOp.Add => a + b,
        BinaryOp.Sub => a - b,
        BinaryOp.Mul => a * b,
        BinaryOp.Div => a / b,
        BinaryOp.Max => a >= b ? a : b,
        BinaryOp.Min => a <= b ? a : b,
        _ => throw new NotSupportedException("binary " + op),
    };

    private double Reduce(Reduce r)
    {
        var n = inputs.Dims[r.Dim];
        var values = new double[n];
        for (var k = 0; k < n; k++)
        {
            env[r.Var] = k;
            values[k] = Eval(r.Body);
        }
        env.Remove(r.Var);
        switch (r.Op)
        {
            case ReduceOp.Sum: return values.Sum();
            case ReduceOp.Mean: return values.Sum() / n;
            case ReduceOp.Max: return values.Aggregate(double.NegativeInfinity, Math.Max);
            case ReduceOp.Min: return values.Aggregate(double.PositiveInfinity, Math.Min);
            default:
                // Max-shifted, the definition of a stable log-sum-exp.
                var m = values.Aggregate(double.NegativeInfinity, Math.Max);
                return double.IsFinite(m) ? m + Math.Log(values.Sum(v => Math.Exp(v - m))) : m;
        }
    }

    /// <summary>The first element of a Max/Min reduction that reaches its extreme (the documented tie rule).</summary>
    private int Selected(Reduce r)
    {
        var saved = env.TryGetValue(r.Var, out var outer);
        var best = r.Op == ReduceOp.Max ? double.NegativeInfinity : double.PositiveInfinity;
        var at = 0;
        for (var k = 0; k < inputs.Dims[r.Dim]; k++)
        {
            env[r.Var] = k;
            var v = Eval(r.Body);
            if (r.Op == ReduceOp.Max ? v > best : v < best) (best, at) = (v, k);
        }
        if (saved) env[r.Var] = outer; else env.Remove(r.Var);
        return at;
    }

    private bool Test(Cond c) => c switch
    {
        IndexCompare ic => Compare(ic.Op, Index(ic.A), Index(ic.B)),
        ValueCompare vc => Compare(vc.Op, Eval(vc.A), Eval(vc.B)),
        IsArgExtreme ae => Index(ae.Index) == Selected(ae.Of),
        AndCond a => Test(a.A) && Test(a.B),
        OrCond o => Test(o.A) || Test(o.B),
        NotCond n => !Test(n.A),
        _ => throw new NotSupportedException("condition " + c.GetType().Name),
    };

    private static bool Compare(CompareOp op, double a, double b) => op switch
    {
        CompareOp.Eq => a == b,
        CompareOp.Ne => a != b,
        CompareOp.Lt => a < b,
        CompareOp.Le => a <= b,
        CompareOp.Gt => a > b,
        _ => a >= b,
    };

    private int Index(Ix ix) => ix switch
    {
        VarIx v => env[v.Var],
        LabelIx l => inputs.Labels[l.Labels][Offset(l.Labels, l.Indices)],
        _ => throw new NotSupportedException("index " + ix),
    };

    private int Offset(string tensor, IReadOnlyList<Ix> indices)
    {
        var dims = decl.Tensors.First(t => t.Name == tensor).Dims;
        var offset = 0;
        for (var a = 0; a < indices.Count; a++)
        {
            var i = Index(indices[a]);
            var extent = inputs.Dims[dims[a]];
            if ((uint)i >= (uint)extent) throw new IndexOutOfRangeException($"{tensor} axis {a}: {i} outside [0, {extent})");
            offset = offset * extent + i;
        }
        return offset;
    }
}
