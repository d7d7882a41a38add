using System;
using System.Numerics;

namespace LossGen.Checking;

/// <summary>
/// The numeric half of the check for one coordinate at a time: finite differences at a ladder of
/// steps <c>h, h/2, h/4, …</c>, kink detection, and the comparison with the analytic value.
/// </summary>
/// <remarks>
/// <para>
/// Notation, for the coordinate being probed, at level <c>k</c> (step <c>h_k = h/2^k</c>):
/// forward <c>D⁺ = (f(x+h) − f(x))/h</c>, backward <c>D⁻ = (f(x) − f(x−h))/h</c>, centered
/// <c>D = (f(x+h) − f(x−h))/2h</c> and gap <c>g = D⁺ − D⁻</c>.
/// </para>
/// <para>
/// <b>Curvature or kink?</b> For a smooth function Taylor gives <c>g(h) = f″h + O(h³)</c> and
/// <c>D(h) = f′ + f‴h²/6 + O(h⁴)</c>. Two residuals between levels <c>k</c> and <c>k+1</c> are
/// therefore tiny when smooth: <c>r = g(h/2) − g(h)/2 = O(h³)</c> and
/// <c>c = D(h) − D(h/2) = O(h²)</c>. A kink of jump <c>J</c> in the slope shows in them:
/// at <c>x</c> itself, <c>r ≈ J/2</c> at every level (the gap does not shrink with the step, while
/// curvature's does; <c>c</c> stays 0 because the centered difference averages the two sides);
/// at a distance <c>d</c> inside the stencil, working the hinge through gives
/// <c>r = J(1/2 − 3d/2h)</c>, <c>c = Jd/2h</c> for <c>d ≤ h/2</c> and <c>r = −c = −J(1 − d/h)/2</c>
/// beyond. Neither residual alone is enough (<c>r</c> vanishes at <c>d = h/3</c>, <c>c</c> at
/// <c>d = 0</c>), but in every case the error the kink puts into the centered difference,
/// <c>J(1 − d/h)/2</c>, is at most <c>2(|r| + |c|)</c>.
/// </para>
/// <para>
/// So a level is accepted as smooth when <c>|r| + |c|</c> is within its rounding noise plus a
/// quarter of the tolerance, and the comparison then allows <c>2(|r| + |c|)</c> on top: a kink
/// too small to detect cannot cause a false failure, and an analytic error cannot hide in it,
/// because <c>r</c> and <c>c</c> come from function values alone. Otherwise the step is halved.
/// When a kink is inside the stencil but not at <c>x</c>, some level stops straddling it and is
/// smooth (reported as near a kink). When no level up to <see cref="GradCheckOptions.MaxStepHalvings"/>
/// is smooth, <c>x</c> is on the kink (or closer to it than the last step) and the analytic value
/// must lie between the one-sided derivatives, each Richardson-extrapolated from the last two
/// levels (<c>2D⁺(h/2) − D⁺(h)</c> cancels the <c>f″h/2</c> bias of a one-sided difference).
/// The halving also stops early, with the same interval check, when the rounding noise of the
/// next level could hide half of the kink already seen (in float this comes after a few levels).
/// If <c>x</c> is merely close to the kink, the differences on the kink-free side are exact
/// one-sided derivatives, so the true derivative is an end of that interval: the interval check
/// can be lenient there, but it can never fail a correct gradient.
/// </para>
/// <para>
/// <b>Limit.</b> Two kinks on the same coordinate line closer together than the finest step the
/// noise allows look like one kink of the combined jump. The drift widening (see
/// <see cref="CompareWithInterval"/>) covers them down to a fraction of that step; kinks closer
/// still can make a correct gradient fail. In double, when noise does not stop the 20 default
/// halvings earlier, that needs two kinks within about 1e-11 of each other (relative to max(1, |x|)).
/// </para>
/// </remarks>
internal sealed class CoordinateProber<T, TFunction>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TFunction : IGradientFunction<T>
{
    // Enough levels for any shrink an oracle can ask for before the step underflows the spacing
    // of doubles around x; deeper requests are treated as "at the kink".
    private const int MaxLevels = 48;

    private TFunction function;
    private readonly T[] probe;
    private readonly double[] point;
    private readonly double valueAtX;
    private readonly double epsilon;
    private readonly double atol;
    private readonly double rtol;
    private readonly double noiseFactor;
    private readonly GradCheckOptions options;

    private readonly double[] valuePlus = new double[MaxLevels];
    private readonly double[] valueMinus = new double[MaxLevels];
    private readonly double[] stepPlus = new double[MaxLevels];
    private readonly double[] stepMinus = new double[MaxLevels];
    private readonly bool[] evaluated = new bool[MaxLevels];
    private int coordinate;
    private double baseStep;

    public CoordinateProber(TFunction function, ReadOnlySpan<T> x, double valueAtX, double atol, double rtol, GradCheckOptions options)
    {
        this.function = function;
        probe = x.ToArray();
        point = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            point[i] = double.CreateTruncating(x[i]);
        this.valueAtX = valueAtX;
        epsilon = NumericStep.MachineEpsilon<T>();
        this.atol = atol;
        this.rtol = rtol;
        noiseFactor = options.NoiseFactor;
        this.options = options;
    }

    public CoordinateCheck Check(int index, double analytic, Coordinate name)
    {
        coordinate = index;
        baseStep = options.Step ?? NumericStep.For<T>(point[index]);
        Array.Clear(evaluated);

        if (options.KinkOracle is { } oracle)
            return CheckWithOracle(oracle, analytic, name);
        if (!options.DetectKinks)
            return Compare(0, CoordinateKind.Smooth, 0, analytic, name);
        return Detect(analytic, name);
    }

    /// <summary>Numeric kink detection down the ladder of steps (see the remarks on the class).</summary>
    private CoordinateCheck Detect(double analytic, Coordinate name)
    {
        int halvings = Math.Clamp(options.MaxStepHalvings, 1, MaxLevels - 2);
        double kinkSize = 0;
        for (int k = 0; k < halvings; k++)
        {
            // Below a couple of spacings of T around x the probe cannot move by the step any more:
            // the finest level is as far as the type lets us look, the same situation as noise.
            if (k > 0 && !Resolvable(k + 1))
                return CompareWithInterval(k - 1, analytic, name, widened: true);

            double r = Gap(k + 1) - Gap(k) / 2;
            double c = Centered(k) - Centered(k + 1);
            double inconsistency = Math.Abs(r) + Math.Abs(c);
            double noise = GapNoise(k + 1) + GapNoise(k) / 2 + CenteredNoise(k) + CenteredNoise(k + 1);
            double budget = (atol + rtol * Math.Abs(Centered(k))) / 4;

            // A non-finite value cannot be classified; compare now so the NaN fails loudly.
            if (!double.IsFinite(inconsistency))
                return Compare(k, CoordinateKind.Smooth, 0, analytic, name);

            // Rounding noise grows as the step shrinks. Once it could hide half of the kink seen at
            // a coarser level, a "smooth" verdict here would only mean "too noisy to tell", so stop
            // and check the subgradient interval from the last levels that could still tell.
            // (Only noise counts here: the tolerance budget is the same at every level.)
            if (kinkSize > 0 && noise >= kinkSize / 2)
                return CompareWithInterval(k - 1, analytic, name, widened: true);
            if (inconsistency <= noise + budget)
                return Compare(k, k == 0 ? CoordinateKind.Smooth : CoordinateKind.NearKink, 2 * inconsistency, analytic, name);
            kinkSize = Math.Max(kinkSize, inconsistency);
        }

        return CompareWithInterval(halvings - 1, analytic, name);
    }

    private CoordinateCheck CheckWithOracle(IKinkOracle oracle, double analytic, Coordinate name)
    {
        var answer = oracle.Locate(point, coordinate, out double distance);
        if (answer == KinkAnswer.Unknown)
        {
            // Not "smooth": the coordinate is checked by numeric detection (which ends in the
            // subgradient interval check on a kink), or, if asked, fails as unverifiable; either
            // way the report lists it as undecided.
            return options.UndecidedKinks == UndecidedKinkPolicy.Fail
                ? Unverifiable(analytic, name)
                : Detect(analytic, name) with { OracleUndecided = true };
        }
        if (answer == KinkAnswer.Smooth)
            return Compare(0, CoordinateKind.Smooth, 0, analytic, name);
        if (answer != KinkAnswer.Kink)
            throw new InvalidOperationException($"The kink oracle returned {answer} for {name}; it must be Smooth, Kink or Unknown.");
        if (!(distance >= 0))
            throw new InvalidOperationException($"The kink oracle returned distance {distance} for {name}; it must be a non-negative number.");
        if (distance == 0)
            return CompareWithInterval(0, analytic, name);

        // Halve until the whole stencil x ± h_k stays on one side of the kink. Half the distance
        // leaves room for the probe's rounding to the function's type.
        int k = 0;
        while (k < MaxLevels - 2 && Step(k) > distance / 2 && Resolvable(k + 1))
            k++;
        if (Step(k) > distance / 2)
            return CompareWithInterval(0, analytic, name);
        return Compare(k, k == 0 ? CoordinateKind.Smooth : CoordinateKind.NearKink, 0, analytic, name);
    }

    /// <summary>A coordinate the oracle could not decide, under <see cref="UndecidedKinkPolicy.Fail"/>: not verified, so not passed.</summary>
    private CoordinateCheck Unverifiable(double analytic, Coordinate name) =>
        new(name, CoordinateKind.Unverifiable, analytic, double.NaN, double.NaN, double.NaN, Step(0),
            double.NaN, double.NaN, atol, Passed: false, OracleUndecided: true);

    /// <summary>Centered difference at level <paramref name="k"/> against the analytic value.</summary>
    private CoordinateCheck Compare(int k, CoordinateKind kind, double allowance, double analytic, Coordinate name)
    {
        double numeric = Centered(k);
        double error = Math.Abs(analytic - numeric);
        double tolerance = atol + rtol * Math.Abs(numeric) + CenteredNoise(k) + allowance;
        return new CoordinateCheck(name, kind, analytic, numeric, double.NaN, double.NaN, Step(k),
            error, RelativeError(error, analytic, numeric), tolerance, Finite(analytic, numeric, error) && error <= tolerance);
    }

    /// <summary>Subgradient check: the analytic value within the one-sided derivatives at levels k and k+1.</summary>
    /// <param name="k">The coarser of the two levels the one-sided derivatives are extrapolated from.</param>
    /// <param name="analytic">The analytic gradient element.</param>
    /// <param name="name">The coordinate, for the result.</param>
    /// <param name="widened">
    /// The halving stopped because rounding noise, not the kink, dominated the next level. A second
    /// kink closer to x than this level's step would then go unseen and pull one one-sided
    /// difference toward its far side; it shows as drift between the last two levels, so each end
    /// is widened by that side's drift (on a kink-free side the drift is only the small curvature
    /// term <c>f″h/2</c>).
    /// </param>
    private CoordinateCheck CompareWithInterval(int k, double analytic, Coordinate name, bool widened = false)
    {
        double forward = 2 * Forward(k + 1) - Forward(k);
        double backward = 2 * Backward(k + 1) - Backward(k);
        double forwardDrift = widened ? Math.Abs(Forward(k + 1) - Forward(k)) : 0;
        double backwardDrift = widened ? Math.Abs(Backward(k + 1) - Backward(k)) : 0;
        double lower = Math.Min(forward - forwardDrift, backward - backwardDrift);
        double upper = Math.Max(forward + forwardDrift, backward + backwardDrift);
        double noise = Math.Max(2 * ForwardNoise(k + 1) + ForwardNoise(k), 2 * BackwardNoise(k + 1) + BackwardNoise(k));
        double tolerance = atol + rtol * Math.Max(Math.Abs(lower), Math.Abs(upper)) + noise;
        double nearest = Math.Clamp(analytic, lower, upper);
        double error = Math.Abs(analytic - nearest);
        bool passed = Finite(analytic, lower, upper) && error <= tolerance;
        return new CoordinateCheck(name, CoordinateKind.AtKink, analytic, nearest, lower, upper, Step(k + 1),
            error, RelativeError(error, analytic, nearest), tolerance, passed, widened);
    }

    private static bool Finite(double a, double b, double c) => double.IsFinite(a) && double.IsFinite(b) && double.IsFinite(c);

    private static double RelativeError(double error, double analytic, double numeric)
    {
        double scale = Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        return error == 0 ? 0 : error / scale;
    }

    private double Step(int k) => Math.ScaleB(baseStep, -k);

    /// <summary>Whether the step of level k still spans at least two spacings of T around x.</summary>
    private bool Resolvable(int k)
    {
        T x = probe[coordinate];
        double spacing = Math.Max(
            double.CreateTruncating(T.BitIncrement(x)) - point[coordinate],
            point[coordinate] - double.CreateTruncating(T.BitDecrement(x)));
        return Step(k) >= 2 * spacing;
    }

    // ---- differences at level k, over the steps actually taken ----
    private double Forward(int k) { Evaluate(k); return (valuePlus[k] - valueAtX) / stepPlus[k]; }

    private double Backward(int k) { Evaluate(k); return (valueAtX - valueMinus[k]) / stepMinus[k]; }

    private double Centered(int k) { Evaluate(k); return (valuePlus[k] - valueMinus[k]) / (stepPlus[k] + stepMinus[k]); }

    private double Gap(int k) => Forward(k) - Backward(k);

    // ---- their rounding noise: each evaluation is off by about NoiseFactor·ε·|f| ----
    private double Noise(double value) => noiseFactor * epsilon * Math.Abs(value);

    private double ForwardNoise(int k) { Evaluate(k); return (Noise(valuePlus[k]) + Noise(valueAtX)) / stepPlus[k]; }

    private double BackwardNoise(int k) { Evaluate(k); return (Noise(valueMinus[k]) + Noise(valueAtX)) / stepMinus[k]; }

    private double CenteredNoise(int k) { Evaluate(k); return (Noise(valuePlus[k]) + Noise(valueMinus[k])) / (stepPlus[k] + stepMinus[k]); }

    private double GapNoise(int k) => ForwardNoise(k) + BackwardNoise(k);

    private void Evaluate(int k)
    {
        if (evaluated[k])
            return;
        double h = Step(k);
        valuePlus[k] = ValueAt(point[coordinate] + h, out stepPlus[k]);
        valueMinus[k] = ValueAt(point[coordinate] - h, out double signedMinus);
        stepMinus[k] = -signedMinus;
        if (!(stepPlus[k] > 0) || !(stepMinus[k] > 0))
        {
            throw new InvalidOperationException(
                $"The step {h:G3} is below the resolution of {typeof(T).Name} at {point[coordinate]:R} (coordinate {coordinate}); pass a larger GradCheckOptions.Step.");
        }

        evaluated[k] = true;
    }

    /// <summary>
    /// The function value with this coordinate moved to <paramref name="target"/> rounded to
    /// <typeparamref name="T"/>; <paramref name="step"/> is the move actually made, computed in
    /// double (exact for float, and exact to the last bit for double near x).
    /// </summary>
    private double ValueAt(double target, out double step)
    {
        T original = probe[coordinate];
        T moved = T.CreateTruncating(target);
        probe[coordinate] = moved;
        try
        {
            step = double.CreateTruncating(moved) - point[coordinate];
            return double.CreateTruncating(function.Value(probe));
        }
        finally
        {
            probe[coordinate] = original;
        }
    }
}
