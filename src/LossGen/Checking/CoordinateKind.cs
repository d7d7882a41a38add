namespace LossGen.Checking;

/// <summary>How the numeric side of one coordinate's check was obtained.</summary>
public enum CoordinateKind
{
    /// <summary>Smooth at the default step: an ordinary centered difference.</summary>
    Smooth,

    /// <summary>
    /// A kink (or a feature sharper than the step) lies within the default step; the step was
    /// shrunk until the centered stencil no longer straddles it.
    /// </summary>
    NearKink,

    /// <summary>
    /// The point sits on a kink: the analytic value is checked to lie in the closed interval
    /// between the one-sided derivatives (a subgradient check).
    /// </summary>
    AtKink,

    /// <summary>
    /// The kink oracle could not decide and <see cref="GradCheckOptions.UndecidedKinks"/> is
    /// <see cref="UndecidedKinkPolicy.Fail"/>: nothing was compared, and the coordinate fails.
    /// </summary>
    Unverifiable,
}

/// <summary>What the checker does with a coordinate its kink oracle answered <see cref="KinkAnswer.Unknown"/> for.</summary>
public enum UndecidedKinkPolicy
{
    /// <summary>
    /// Numeric kink detection, as without an oracle: a smooth or near-kink coordinate gets the
    /// centered difference, one on a kink the subgradient interval check. Reported as undecided.
    /// </summary>
    DetectNumerically,

    /// <summary>The coordinate fails as <see cref="CoordinateKind.Unverifiable"/>.</summary>
    Fail,
}
