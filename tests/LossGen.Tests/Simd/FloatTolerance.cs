namespace LossGen.Tests.Simd;

/// <summary>Allowed error of the float lane math, in float ulps of the exact (double) result.</summary>
internal static class FloatTolerance
{
    /// <summary>The brief's bar. The analysis (VectorMathF) gives ≈1.5: series truncation 0.1, reduction 0.25, Horner rounding ≈1.</summary>
    public const double Exp = 2;

    /// <summary>The brief's bar. Truncation 0.03; rounding of s, f²/2 and the final e·ln2 sum ≈1.</summary>
    public const double Log = 2;

    /// <summary>(1 − e)/(1 + e): exp's 2 ulp scaled by e/(1−e) ≤ 0.82, plus three roundings of 0.5.</summary>
    public const double Tanh = 4;

    /// <summary>e·1/(1 + e): exp's 2 ulp, the reciprocal's 1 and the product's 0.5.</summary>
    public const double Sigmoid = 4;

    /// <summary>log(u)·e/(u − 1): log 2 ulp, exp 2 ulp, then a multiply and a divide (0.5 each).</summary>
    public const double Softplus = 5;
}
