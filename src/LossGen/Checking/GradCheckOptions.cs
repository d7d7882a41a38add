namespace LossGen.Checking;

/// <summary>Settings of a gradient check. Every member has a derived default; see <see cref="NumericStep"/>.</summary>
public sealed record GradCheckOptions
{
    /// <summary>The options every check uses when none are given.</summary>
    public static GradCheckOptions Default { get; } = new();

    /// <summary>
    /// An absolute finite-difference step used for every coordinate instead of
    /// <see cref="NumericStep.For{T}(double)"/>. Kink handling may still shrink it.
    /// </summary>
    public double? Step { get; init; }

    /// <summary><c>atol</c>: null takes <see cref="NumericStep.DefaultAbsoluteTolerance{T}"/>.</summary>
    public double? AbsoluteTolerance { get; init; }

    /// <summary><c>rtol</c>: null takes <see cref="NumericStep.DefaultRelativeTolerance{T}"/>.</summary>
    public double? RelativeTolerance { get; init; }

    /// <summary>
    /// How many coordinates to check, sampled without replacement; null checks all of them.
    /// A count at least the number of coordinates also checks all of them.
    /// </summary>
    public int? SparseCount { get; init; }

    /// <summary>The seed of the sparse sample; the same seed picks the same coordinates on every run and platform.</summary>
    public ulong Seed { get; init; } = 0x5EED;

    /// <summary>
    /// Detect kinks numerically (one-sided differences at two steps). Turning it off gives the
    /// naive centered-difference check, which fails falsely near kinks. Ignored when
    /// <see cref="KinkOracle"/> is given.
    /// </summary>
    public bool DetectKinks { get; init; } = true;

    /// <summary>
    /// How many times the step may be halved looking for a scale at which a coordinate is smooth
    /// before it is judged to sit exactly on a kink. Halving also stops on its own once rounding
    /// noise could hide half of the kink (after a few levels in float, a few dozen in double), so
    /// this is a cap: 20 halvings reach h/10⁶, which resolves two kinks a millionth of a step apart.
    /// </summary>
    public int MaxStepHalvings { get; init; } = 20;

    /// <summary>
    /// The number of roundings one evaluation of the function is assumed to be off by, in units of
    /// ε·|f|; it scales the per-coordinate rounding allowance. 16 covers sums of thousands of
    /// terms with random rounding; raise it for long float reductions.
    /// </summary>
    public double NoiseFactor { get; init; } = 16;

    /// <summary>
    /// Known kink locations; when given it replaces numeric detection, except for the
    /// coordinates it answers <see cref="KinkAnswer.Unknown"/> for (see <see cref="UndecidedKinks"/>).
    /// </summary>
    public IKinkOracle? KinkOracle { get; init; }

    /// <summary>
    /// What a coordinate the <see cref="KinkOracle"/> cannot decide gets: numeric kink detection
    /// (the default) or a failure as unverifiable. Either way the report counts and lists it.
    /// </summary>
    public UndecidedKinkPolicy UndecidedKinks { get; init; } = UndecidedKinkPolicy.DetectNumerically;

    /// <summary>
    /// Check coordinates that sit on one kink together (the tied entries of a <c>Max</c> or
    /// <c>Min</c>, a hinge's two scores at zero margin) as a group: the sum of their gradients must
    /// lie between the one-sided derivatives when all of them move at once. Without it, gradients
    /// of 1 on two entries of a three-way tie pass, each being within its own interval. See
    /// <see cref="TieGroupCheck"/> for the check and its limit on functions that are neither convex
    /// nor concave across a group.
    /// </summary>
    public bool CheckTieGroups { get; init; } = true;

    /// <summary>
    /// The most coordinates at a kink the tie-group check looks at (the first ones by flat index);
    /// finding groups costs four evaluations of the function per pair of them. The report counts
    /// any left out.
    /// </summary>
    public int MaxTieCoordinates { get; init; } = 64;

    /// <summary>Fill the gradient buffer with NaN before the analytic call, so an unwritten element fails.</summary>
    public bool PoisonGradient { get; init; } = true;

    /// <summary>How many of the worst coordinates the report lists, and the text of a failure shows.</summary>
    public int ReportedWorst { get; init; } = 10;
}
