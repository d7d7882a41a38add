using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Checking;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Passes;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// A kink oracle from the compiler's IR of a declaration in the fuzz signature: the compiler
/// knows every place the loss is not differentiable, so the checker need not guess.
/// </summary>
/// <remarks>
/// <para>
/// <b>Kinks.</b> The argument <c>a</c> of each <c>Relu(a)</c>, <c>Abs(a)</c>, the difference
/// <c>a − b</c> of each <c>Max(a, b)</c>/<c>Min(a, b)</c> and of each value comparison in a
/// conditional, evaluated for every binding of the enclosing index variables: the loss can only
/// kink where one of them is 0.
/// </para>
/// <para>
/// <b>Distance.</b> When <c>a</c> is affine in the probed tensor (it reaches that tensor only
/// through +, −, negation, products and quotients by factors free of it, index conditionals and
/// sums/means), moving coordinate k by t changes it by exactly t·∂a/∂x_k, so the kink is
/// |a|/|∂a/∂x_k| away; the slope is a(x + e_k) − a(x), exact for an affine a.
/// </para>
/// <para>
/// <b>Unknown.</b> A kink argument that depends non-affinely on the probed tensor (a hinge of a
/// tanh, a Max reduction's ties) has no such formula: the oracle answers
/// <see cref="KinkAnswer.Unknown"/>, and the checker detects kinks numerically for that
/// coordinate and lists it as undecided. A coordinate no kink argument depends on is smooth.
/// </para>
/// </remarks>
internal sealed class IrKinkOracle(ShapedDeclaration decl, FuzzInputs fixedInputs, double beta, FuzzNames? names = null) : IKinkOracle
{
    private readonly string[] Order = (names ?? FuzzNames.Plain).Differentiable;

    public KinkAnswer Locate(ReadOnlySpan<double> x, int coordinate, out double distance)
    {
        var tensor = TensorOf(coordinate);
        var at = With(x.ToArray());
        var moved = x.ToArray();
        moved[coordinate] += 1;
        var plus = With(moved);

        distance = double.PositiveInfinity;
        var found = false;
        foreach (var (argument, env) in KinkArguments(decl.Body, new Dictionary<string, int>()))
        {
            if (!MentionsTensor(argument, tensor)) continue;
            if (!IsAffineIn(argument, tensor))
            {
                distance = double.NaN;
                return KinkAnswer.Unknown;
            }
            var a = IrInterpreter.EvaluateIn(decl, at, argument, env);
            var slope = IrInterpreter.EvaluateIn(decl, plus, argument, env) - a;
            // Affine with a zero coefficient: this binding does not involve the probed element.
            if (slope == 0) continue;
            found = true;
            distance = Math.Min(distance, Math.Abs(a) / Math.Abs(slope));
        }
        return found ? KinkAnswer.Kink : KinkAnswer.Smooth;
    }

    private string TensorOf(int coordinate)
    {
        var sizes = new[] { fixedInputs.N * fixedInputs.C, fixedInputs.N, fixedInputs.C, fixedInputs.D };
        for (var k = 0; k < 4; k++)
        {
            if (coordinate < sizes[k]) return Order[k];
            coordinate -= sizes[k];
        }
        throw new ArgumentOutOfRangeException(nameof(coordinate));
    }

    private IrInputs With(double[] flat)
    {
        var n = fixedInputs.N * fixedInputs.C;
        var parts = new[]
        {
            flat[..n], flat[n..(n + fixedInputs.N)], flat[(n + fixedInputs.N)..(n + fixedInputs.N + fixedInputs.C)],
            flat[(n + fixedInputs.N + fixedInputs.C)..],
        };
        return (fixedInputs with { S = parts[0], U = parts[1], B = parts[2], W = parts[3] }).ForInterpreter(beta, names);
    }

    /// <summary>Every kink argument with the index bindings it is evaluated under.</summary>
    private IEnumerable<(Expr Argument, Dictionary<string, int> Env)> KinkArguments(Expr e, Dictionary<string, int> env)
    {
        switch (e)
        {
            case Unary { Op: UnaryOp.Relu or UnaryOp.Abs } u:
                yield return (u.X, new Dictionary<string, int>(env));
                break;
            case Binary { Op: BinaryOp.Max or BinaryOp.Min } b:
                yield return (new Binary(BinaryOp.Sub, b.A, b.B), new Dictionary<string, int>(env));
                break;
            case Select { Cond: ValueCompare vc }:
                yield return (new Binary(BinaryOp.Sub, vc.A, vc.B), new Dictionary<string, int>(env));
                break;
            case Reduce { Op: ReduceOp.Max or ReduceOp.Min } r:
                // Ties between elements: not affine in general, so any dependence is "unknown".
                yield return (r, new Dictionary<string, int>(env));
                break;
        }
        if (e is Reduce reduce)
        {
            var extent = fixedInputs.ForInterpreter(beta, names).Dims[reduce.Dim];
            for (var k = 0; k < extent; k++)
            {
                var inner = new Dictionary<string, int>(env) { [reduce.Var] = k };
                foreach (var item in KinkArguments(reduce.Body, inner)) yield return item;
            }
            yield break;
        }
        foreach (var child in ExprWalk.Children(e))
            foreach (var item in KinkArguments(child, env))
                yield return item;
    }

    private static bool MentionsTensor(Expr e, string tensor) => ExprWalk.Nodes(e).OfType<Access>().Any(a => a.Tensor == tensor);

    private static bool IsAffineIn(Expr e, string tensor) => !MentionsTensor(e, tensor) || e switch
    {
        Access => true,
        Unary { Op: UnaryOp.Neg } u => IsAffineIn(u.X, tensor),
        Binary { Op: BinaryOp.Add or BinaryOp.Sub } b => IsAffineIn(b.A, tensor) && IsAffineIn(b.B, tensor),
        Binary { Op: BinaryOp.Mul } b => (!MentionsTensor(b.A, tensor) && IsAffineIn(b.B, tensor)) || (!MentionsTensor(b.B, tensor) && IsAffineIn(b.A, tensor)),
        Binary { Op: BinaryOp.Div } b => !MentionsTensor(b.B, tensor) && IsAffineIn(b.A, tensor),
        Select s when IndexOnly(s.Cond) => IsAffineIn(s.IfTrue, tensor) && IsAffineIn(s.IfFalse, tensor),
        Reduce { Op: ReduceOp.Sum or ReduceOp.Mean } r => IsAffineIn(r.Body, tensor),
        _ => false,
    };

    private static bool IndexOnly(Cond c) => c switch
    {
        IndexCompare => true,
        AndCond a => IndexOnly(a.A) && IndexOnly(a.B),
        OrCond o => IndexOnly(o.A) && IndexOnly(o.B),
        NotCond n => IndexOnly(n.A),
        _ => false,
    };
}
