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
}
