namespace LossGen.Tests.Simd;

/// <summary>Allowed error of the double lane math, in double ulps of the reference.</summary>
/// <remarks>
/// The brief's bar is 1e-14 relative, about 45 ulps at the top of a binade; these are tighter and
/// follow the error analysis in VectorMathD, with the reference's own error (≤ 1 ulp for
/// System.Math, ≤ 3 for ReferenceMath) added.
/// </remarks>
internal static class DoubleTolerance
{
    /// <summary>Truncation 0.8 ulp (r^13/13!), reduction 0.5, Horner ≈1, reference 1.</summary>
    public const double Exp = 4;

    /// <summary>Truncation 0.1, roundings ≈1, reference 1.</summary>
    public const double Log = 3;

    /// <summary>As the float case: exp's error ×1.5 at the series limit plus three roundings, reference 1.</summary>
    public const double Tanh = 8;

    /// <summary>exp, reciprocal and product, plus ReferenceMath's ≈3.</summary>
    public const double Sigmoid = 8;

    /// <summary>log, exp, multiply and divide, plus ReferenceMath's ≈3.</summary>
    public const double Softplus = 10;
}
