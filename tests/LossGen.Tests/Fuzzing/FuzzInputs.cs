using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Checking;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// Random inputs for the fixed fuzz signature: sizes N, C, D and tensors s[N, C], u[N], b[C], w[D]
/// (differentiable, in that order in the flat parameter span), X[N, D], labels y[N] in [0, C), alpha.
/// </summary>
internal sealed record FuzzInputs(int N, int C, int D, double[] S, double[] U, double[] B, double[] W, double[] X, int[] Y, double Alpha)
{
    /// <summary>
    /// Small shapes include the 1-row and 1-class edge cases; large ones exceed the widest vector
    /// (8 doubles, 16 floats with AVX-512) on C so both the full-width loop and the masked tail run.
    /// </summary>
    public static FuzzInputs Draw(Random r, bool large)
    {
        // Nested reductions multiply the sizes, so they stay small except where lanes need width.
        int n = large ? r.Next(2, 4) : r.Next(1, 4);
        int c = large ? r.Next(9, 18) : r.Next(1, 4);
        int d = large ? r.Next(2, 6) : r.Next(1, 4);
        double[] Values(int count) => Enumerable.Range(0, count).Select(_ => Math.Round(r.NextDouble() * 4 - 2, 6)).ToArray();
        return new FuzzInputs(n, c, d, Values(n * c), Values(n), Values(c), Values(d), Values(n * d),
            Enumerable.Range(0, n).Select(_ => r.Next(c)).ToArray(), Math.Round(r.NextDouble() * 2 - 0.5, 3));
    }

    /// <summary>
    /// Many short rows: N from 7 to 19 spans one lane count either way for 8 doubles and 16 floats
    /// (N &lt; L, N = L, N % L ≠ 0, more than one block), with C and D small, so the rows-across-lanes
    /// blocks run, together with the row-at-a-time remainder.
    /// </summary>
    public static FuzzInputs DrawManyRows(Random r)
    {
        int n = r.Next(7, 20);
        int c = r.Next(1, 5);
        int d = r.Next(1, 4);
        double[] Values(int count) => Enumerable.Range(0, count).Select(_ => Math.Round(r.NextDouble() * 4 - 2, 6)).ToArray();
        return new FuzzInputs(n, c, d, Values(n * c), Values(n), Values(c), Values(d), Values(n * d),
            Enumerable.Range(0, n).Select(_ => r.Next(c)).ToArray(), Math.Round(r.NextDouble() * 2 - 0.5, 3));
    }

    public int[] Dims => new[] { N, C, D };

    public double[][] Tensors => new[] { S, U, B, W, X };

    /// <summary>The inputs by the names the declaration spells them with (the IR holds those spellings).</summary>
    public IrInputs ForInterpreter(double beta, FuzzNames? names = null)
    {
        var n = names ?? FuzzNames.Plain;
        return new(
            new Dictionary<string, double[]> { [n.S] = S, [n.U] = U, [n.B] = B, [n.W] = W, [n.X] = X },
            new Dictionary<string, int[]> { [n.Y] = Y },
            new Dictionary<string, int> { ["N"] = N, ["C"] = C, ["D"] = D },
            new Dictionary<string, double> { [n.Alpha] = Alpha, [n.Beta] = beta });
    }

    /// <summary>The same inputs rounded to float, as the float API receives them.</summary>
    public FuzzInputs RoundedToFloat()
    {
        static double[] F(double[] a) => a.Select(v => (double)(float)v).ToArray();
        return this with { S = F(S), U = F(U), B = F(B), W = F(W), X = F(X), Alpha = (float)Alpha };
    }

    /// <summary>s, u, b, w end to end: the point the gradient is checked at.</summary>
    public double[] Differentiable() => S.Concat(U).Concat(B).Concat(W).ToArray();

    public ParameterLayout Layout() => new(
        new ParameterBlock("s", N, C), new ParameterBlock("u", N), new ParameterBlock("b", C), new ParameterBlock("w", D));

    public override string ToString() => $"N={N} C={C} D={D}";
}
