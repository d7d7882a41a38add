using System.Collections.Generic;

namespace LossGen.Tests.WholeTensor;

/// <summary>
/// The numpy-style declarations checked against tests/fixtures-scripts/make_whole_tensor.py, which
/// writes each again in numpy. Each has array wrappers (the generated API takes spans, which
/// reflection cannot pass): Run calls the double Value or ValueAndGradient, RunFloat the float Value.
/// Dimension sizes are those of the script: N = 7, D = 5, M = 6, C = 4.
/// </summary>
internal static class WholeTensorCases
{
    private const string Wrappers = """
        public static double Run(System.Collections.Generic.IReadOnlyDictionary<string, double[]> t, int[] y, System.Collections.Generic.IReadOnlyDictionary<string, double[]>? g)
            => g is null ? VALUE : GRADIENT;
        public static float RunFloat(System.Collections.Generic.IReadOnlyDictionary<string, float[]> t, int[] y) => FLOAT;
    """;

    private static string Case(string name, string define, string value, string gradient) =>
        $$"""
        [Loss]
        public partial struct {{name}}
        {
            {{define}}
        {{Wrappers.Replace("VALUE", value).Replace("GRADIENT", gradient).Replace("FLOAT", value)}}
        }

        """;

    public static readonly IReadOnlyDictionary<string, string> Declarations = new Dictionary<string, string>
    {
        // The seed's (10,20) + (20,) -> (10,20).
        ["RowVector"] = Case("RowVector",
            """static float Define([Shape("10", "20")] Tensor A, [Shape("20")] Tensor b) => Sum(Sqr(A + b));""",
            """Value(t["A"], t["b"])""",
            """ValueAndGradient(t["A"], t["b"], g["A"], g["b"])"""),
        // (10,20) + (10,1) -> (10,20).
        ["ColumnVector"] = Case("ColumnVector",
            """static float Define([Shape("10", "20")] Tensor A, [Shape("10", "1")] Tensor c) => Sum(Sqr(A + c));""",
            """Value(t["A"], t["c"])""",
            """ValueAndGradient(t["A"], t["c"], g["A"], g["c"])"""),
        // (1,20) + (10,1) -> (10,20), weighed element by element by a constant (10,20).
        ["OnesOnBothSides"] = Case("OnesOnBothSides",
            """static float Define([Shape("1", "20")] Tensor r, [Shape("10", "1")] Tensor c, [Const, Shape("10", "20")] Tensor W) => Sum(W * Tanh(r + c));""",
            """Value(t["r"], t["c"], t["W"])""",
            """ValueAndGradient(t["r"], t["c"], t["W"], g["r"], g["c"])"""),
        // (30,) + (20,1) + (10,1,1) -> (10,20,30).
        ["ThreeRanks"] = Case("ThreeRanks",
            """static float Define([Shape("30")] Tensor x, [Shape("20", "1")] Tensor y, [Shape("10", "1", "1")] Tensor z) => Sum(Sqr(Tanh(x + y + z)));""",
            """Value(t["x"], t["y"], t["z"])""",
            """ValueAndGradient(t["x"], t["y"], t["z"], g["x"], g["y"], g["z"])"""),
        // P (N,2) − vᵀ with v (2,1) -> (N,2); .T and Transpose are the same.
        ["PointsMinusTransposedCenter"] = Case("PointsMinusTransposedCenter",
            """static float Define([Shape("N", "2")] Tensor P, [Shape("2", "1")] Tensor v) => Sum(Sqr(P - v.T)) + Sum(Abs(P - Transpose(v)));""",
            """Value(t["P"], t["v"], n: 7)""",
            """ValueAndGradient(t["P"], t["v"], n: 7, dP: g["P"], dv: g["v"])"""),
        // Pairwise squared distances (N,M), used whole and indexed in index notation.
        ["PairwiseDistances"] = Case("PairwiseDistances",
            """
            static float Define([Shape("N", "D")] Tensor X, [Shape("M", "D")] Tensor Y)
                {
                    var d2 = Sum(X * X, axis: 1, keepDims: true) + Sum(Y * Y, axis: 1, keepDims: true).T - 2 * MatMul(X, Y.T);
                    return Sum(Sqrt(d2 + 1)) + Mean(i => LogSumExp(j => -d2[i, j]));
                }
            """,
            """Value(t["X"], t["Y"], n: 7, d: 5, m: 6)""",
            """ValueAndGradient(t["X"], t["Y"], n: 7, d: 5, m: 6, dX: g["X"], dY: g["Y"])"""),
        // A linear softmax classifier written numpy-style: s = X W + b.
        ["LinearSoftmax"] = Case("LinearSoftmax",
            """
            static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b, [Shape("N")] Labels y)
                {
                    var s = MatMul(X, W) + b;
                    return Mean(LogSumExp(s, axis: 1)) - Mean(i => s[i, y[i]]);
                }
            """,
            """Value(t["X"], t["W"], t["b"], y, n: 7, d: 5, c: 4)""",
            """ValueAndGradient(t["X"], t["W"], t["b"], y, n: 7, d: 5, c: 4, dW: g["W"], db: g["b"])"""),
        // Reductions along axes: Max, Mean, Min with a negative axis and keepDims, LogSumExp.
        ["AxisReductions"] = Case("AxisReductions",
            """
            static float Define([Shape("N", "D")] Tensor A, [Shape("D")] Tensor B)
                    => Sum(Sqr(Max(A, axis: 0) - Mean(A, 0) + B)) + Sum(Min(A, axis: -1, keepDims: true) * A) + Mean(LogSumExp(A, 1));
            """,
            """Value(t["A"], t["B"], n: 7, d: 5)""",
            """ValueAndGradient(t["A"], t["B"], n: 7, d: 5, dA: g["A"], dB: g["B"])"""),
        // Index notation: i over D, then over N, in sibling sums (Lower once fused the two loops).
        ["IndexNameReusedAcrossDimensions"] = Case("IndexNameReusedAcrossDimensions",
            """static float Define([Shape("N", "D")] Tensor A) => Sum(i => Max(r => A[r, i])) + Sum(i => Min(r => A[i, r]) * Sum(j => A[i, j]));""",
            """Value(t["A"], n: 7, d: 5)""",
            """ValueAndGradient(t["A"], n: 7, d: 5, dA: g["A"])"""),
    };

    public static string Source()
    {
        var source = new System.Text.StringBuilder("using LossGen;\nusing static LossGen.Dsl;\nnamespace Fuzz;\n");
        foreach (var d in Declarations.Values) source.Append(d);
        return source.ToString();
    }
}
