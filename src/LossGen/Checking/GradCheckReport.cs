using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace LossGen.Checking;

/// <summary>
/// Everything a gradient check found: the verdict, the counts, the worst coordinates, and the
/// coordinates at or near a kink listed on their own (they are checked differently and must be
/// visible, never silently passed). <see cref="ToString"/> is written to be read in a failed test.
/// </summary>
public sealed class GradCheckReport
{
    internal GradCheckReport(
        string elementType,
        int totalCoordinates,
        bool sparse,
        ulong seed,
        double absoluteTolerance,
        double relativeTolerance,
        double value,
        double valueFromGradient,
        double valueTolerance,
        ImmutableArray<CoordinateCheck> coordinates,
        int reportedWorst,
        bool tieGroupsChecked,
        ImmutableArray<TieGroupCheck> tieGroups,
        int tieCoordinatesLeftOut)
    {
        ElementType = elementType;
        TotalCoordinates = totalCoordinates;
        IsSparse = sparse;
        Seed = seed;
        AbsoluteTolerance = absoluteTolerance;
        RelativeTolerance = relativeTolerance;
        Value = value;
        ValueFromGradient = valueFromGradient;
        ValueTolerance = valueTolerance;
        double valueGap = Math.Abs(value - valueFromGradient);
        ValueMatches = valueGap <= valueTolerance;
        Coordinates = coordinates;

        var bySeverity = coordinates.OrderByDescending(c => c.Severity).ThenBy(c => c.Coordinate.FlatIndex).ToImmutableArray();
        Failures = bySeverity.Where(c => !c.Passed).ToImmutableArray();
        Worst = bySeverity.Take(Math.Max(0, reportedWorst)).ToImmutableArray();
        KinkCoordinates = coordinates.Where(c => c.Kind != CoordinateKind.Smooth).ToImmutableArray();
        NearKinkCount = coordinates.Count(c => c.Kind == CoordinateKind.NearKink);
        AtKinkCount = coordinates.Count(c => c.Kind == CoordinateKind.AtKink);
        OracleUndecided = coordinates.Where(c => c.OracleUndecided).ToImmutableArray();
        foreach (var c in coordinates)
        {
            // A NaN error is the worst error, and once seen it stays the maximum.
            if (!double.IsNaN(MaxAbsoluteError) && (double.IsNaN(c.AbsoluteError) || c.AbsoluteError > MaxAbsoluteError))
                MaxAbsoluteError = c.AbsoluteError;
            if (MaxRelativeErrorAt is null || (!double.IsNaN(MaxRelativeError) && (double.IsNaN(c.RelativeError) || c.RelativeError > MaxRelativeError)))
            {
                MaxRelativeError = c.RelativeError;
                MaxRelativeErrorAt = c.Coordinate;
            }
        }

        TieGroupsChecked = tieGroupsChecked;
        TieGroups = tieGroups;
        TieGroupFailures = tieGroups.Where(g => !g.Passed).OrderByDescending(g => g.Severity).ToImmutableArray();
        TieCoordinatesLeftOut = tieCoordinatesLeftOut;

        Passed = ValueMatches && Failures.IsEmpty && TieGroupFailures.IsEmpty;
    }

    /// <summary>Whether coordinates at a shared kink were checked as groups (<see cref="GradCheckOptions.CheckTieGroups"/>).</summary>
    public bool TieGroupsChecked { get; }

    /// <summary>
    /// The groups of coordinates found on one kink together (a <c>Max</c> tie, a hinge at zero
    /// margin), each with the check of its gradients' sum; in order of their first coordinate.
    /// </summary>
    public ImmutableArray<TieGroupCheck> TieGroups { get; }

    /// <summary>The failing tie groups, worst first.</summary>
    public ImmutableArray<TieGroupCheck> TieGroupFailures { get; }

    /// <summary>Coordinates at a kink beyond <see cref="GradCheckOptions.MaxTieCoordinates"/>, not considered for tie groups.</summary>
    public int TieCoordinatesLeftOut { get; }

    /// <summary>
    /// True when every checked coordinate and every tie group passed and the two value entry points agree.
    /// </summary>
    public bool Passed { get; }

    /// <summary><c>Single</c> or <c>Double</c>: the type the function computed in.</summary>
    public string ElementType { get; }

    /// <summary>The number of parameters of the function.</summary>
    public int TotalCoordinates { get; }

    /// <summary>Whether only a sample of the coordinates was checked.</summary>
    public bool IsSparse { get; }

    /// <summary>The seed of the sample, when <see cref="IsSparse"/>.</summary>
    public ulong Seed { get; }

    /// <summary><c>atol</c> used for every coordinate: a coordinate passes when <c>|a − n| ≤ atol + rtol·|n|</c> plus a rounding allowance.</summary>
    public double AbsoluteTolerance { get; }

    /// <summary><c>rtol</c> used for every coordinate (see <see cref="AbsoluteTolerance"/>).</summary>
    public double RelativeTolerance { get; }

    /// <summary><c>Value(x)</c>.</summary>
    public double Value { get; }

    /// <summary>The value returned by <c>ValueAndGradient(x, g)</c>.</summary>
    public double ValueFromGradient { get; }

    /// <summary>How far the two values may differ.</summary>
    public double ValueTolerance { get; }

    /// <summary>Whether <c>Value</c> and <c>ValueAndGradient</c> return the same value (within tolerance).</summary>
    public bool ValueMatches { get; }

    /// <summary>Every checked coordinate, in flat-index order.</summary>
    public ImmutableArray<CoordinateCheck> Coordinates { get; }

    /// <summary>The number of coordinates checked (all of them, or the sample when <see cref="IsSparse"/>).</summary>
    public int CheckedCount => Coordinates.Length;

    /// <summary>The number of checked coordinates that failed.</summary>
    public int FailedCount => Failures.Length;

    /// <summary>The checked coordinates with a kink within the default step (<see cref="CoordinateKind.NearKink"/>): checked with a shrunk step.</summary>
    public int NearKinkCount { get; }

    /// <summary>The checked coordinates sitting on a kink (<see cref="CoordinateKind.AtKink"/>): checked as a subgradient, between the one-sided derivatives.</summary>
    public int AtKinkCount { get; }

    /// <summary>
    /// The coordinates the kink oracle answered <see cref="KinkAnswer.Unknown"/> for, in flat-index
    /// order: checked by numeric detection, or failed as unverifiable (<see cref="GradCheckOptions.UndecidedKinks"/>).
    /// </summary>
    public ImmutableArray<CoordinateCheck> OracleUndecided { get; }

    /// <summary>The number of <see cref="OracleUndecided"/> coordinates.</summary>
    public int OracleUndecidedCount => OracleUndecided.Length;

    /// <summary>The failing coordinates, worst (largest error over tolerance) first.</summary>
    public ImmutableArray<CoordinateCheck> Failures { get; }

    /// <summary>The coordinates with the largest error over tolerance, passing or not.</summary>
    public ImmutableArray<CoordinateCheck> Worst { get; }

    /// <summary>The coordinates at or near a kink, in flat-index order, with how each was checked.</summary>
    public ImmutableArray<CoordinateCheck> KinkCoordinates { get; }

    /// <summary>The largest <c>|a − n|</c> over the checked coordinates: NaN if any is NaN, 0 when nothing was checked.</summary>
    public double MaxAbsoluteError { get; }

    /// <summary>The largest <c>|a − n| / max(|a|, |n|)</c> over the checked coordinates: NaN if any is NaN, 0 when nothing was checked.</summary>
    public double MaxRelativeError { get; }

    /// <summary>Where <see cref="MaxRelativeError"/> occurs; null when nothing was checked.</summary>
    public Coordinate? MaxRelativeErrorAt { get; }

    /// <summary>The check of one coordinate, by its name (<c>W[3, 7]</c>); null when it was not checked.</summary>
    public CoordinateCheck? Find(string coordinate)
    {
        foreach (var c in Coordinates)
        {
            if (c.Coordinate.ToString() == coordinate)
                return c;
        }

        return null;
    }

    /// <summary>The verdict, counts, worst and kink coordinates as multi-line text, meant to be read in a failed test.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"Gradient check {(Passed ? "passed" : "FAILED")} ({ElementType}, ");
        text.Append(IsSparse
            ? string.Create(inv, $"sparse: {CheckedCount} of {TotalCoordinates} coordinates, seed {Seed})")
            : string.Create(inv, $"full: {TotalCoordinates} coordinates)"));
        text.AppendLine(".");
        text.Append(inv, $"  {FailedCount} failed, {NearKinkCount} near a kink (step shrunk), {AtKinkCount} at a kink (subgradient check).");
        text.AppendLine();
        if (!OracleUndecided.IsEmpty)
        {
            bool unverified = OracleUndecided.Any(c => c.Kind == CoordinateKind.Unverifiable);
            text.Append(inv, $"  {OracleUndecidedCount} the kink oracle could not decide ({(unverified ? "not verified: failed" : "checked by numeric kink detection")}): ");
            text.Append(string.Join(", ", OracleUndecided.Take(Math.Max(Worst.Length, 1)).Select(c => c.Coordinate.ToString())));
            if (OracleUndecided.Length > Math.Max(Worst.Length, 1)) text.Append(", ...");
            text.AppendLine(".");
        }
        text.Append(inv, $"  pass when |a - n| <= atol + rtol*|n| + rounding allowance; atol {AbsoluteTolerance:G3}, rtol {RelativeTolerance:G3}.");
        text.AppendLine();
        text.Append(inv, $"  max relative error {MaxRelativeError:G4}{(MaxRelativeErrorAt is { } at ? " at " + at : "")}, max absolute error {MaxAbsoluteError:G4}.");
        text.AppendLine();
        if (!TieGroups.IsEmpty || TieCoordinatesLeftOut > 0)
        {
            text.Append(inv, $"  {TieGroups.Length} tie group(s) of coordinates on one kink, {TieGroupFailures.Length} failed");
            text.Append(TieCoordinatesLeftOut > 0 ? string.Create(inv, $"; {TieCoordinatesLeftOut} coordinates at a kink left out (MaxTieCoordinates).") : ".");
            text.AppendLine();
        }
        if (!ValueMatches)
        {
            text.Append(inv, $"  VALUE MISMATCH: Value(x) = {Value:R} but ValueAndGradient(x) returned {ValueFromGradient:R} (allowed difference {ValueTolerance:G3}).");
            text.AppendLine();
        }

        if (!Failures.IsEmpty)
        {
            text.AppendLine(string.Create(inv, $"Failures (worst first{(Failures.Length > Worst.Length ? $", {Worst.Length} of {Failures.Length}" : "")}):"));
            foreach (var c in Failures.Take(Math.Max(Worst.Length, 1)))
                AppendRow(text, c);
        }
        else if (!Worst.IsEmpty)
        {
            text.AppendLine("Closest to failing:");
            foreach (var c in Worst)
                AppendRow(text, c);
        }

        if (!TieGroupFailures.IsEmpty)
        {
            text.AppendLine("Tie groups failing (the gradients of coordinates on one kink must sum to a value between the one-sided derivatives when all move together):");
            foreach (var g in TieGroupFailures.Take(Math.Max(Worst.Length, 1)))
                AppendGroup(text, g);
        }

        if (!KinkCoordinates.IsEmpty)
        {
            text.AppendLine("At or near a kink:");
            foreach (var c in KinkCoordinates.Take(Math.Max(Worst.Length, 1)))
                AppendRow(text, c);
            if (KinkCoordinates.Length > Worst.Length)
                text.AppendLine(string.Create(inv, $"  ... and {KinkCoordinates.Length - Worst.Length} more."));
        }

        return text.ToString();
    }

    private static void AppendGroup(StringBuilder text, TieGroupCheck g)
    {
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"  {g.Members} {(g.Passed ? "ok  " : "FAIL")} sum of analytic {g.AnalyticSum:G6}  ");
        text.Append(inv, $"one-sided along all of them [{g.Lower:G6}, {g.Upper:G6}]  error {g.AbsoluteError:G3}  tol {g.Tolerance:G3}  step {g.Step:G3}");
        if (!g.Resolved)
            text.Append("  (kinks finer than the step: interval widened to the members' own)");
        text.AppendLine();
    }

    private static void AppendRow(StringBuilder text, CoordinateCheck c)
    {
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"  {c.Coordinate,-12} {(c.Passed ? "ok  " : "FAIL")} analytic {c.Analytic,13:G6}  ");
        text.Append(c.Kind == CoordinateKind.AtKink
            ? string.Create(inv, $"subgradient interval [{c.Lower:G6}, {c.Upper:G6}]")
            : string.Create(inv, $"numeric {c.Numeric,13:G6}"));
        text.Append(inv, $"  |a-n| {c.AbsoluteError:G3}  rel {c.RelativeError:G3}  tol {c.Tolerance:G3}  step {c.Step:G3}");
        if (c.Kind == CoordinateKind.NearKink)
            text.Append("  (near a kink: step shrunk)");
        else if (c.Kind == CoordinateKind.AtKink)
            text.Append(c.IntervalWidened ? "  (at a kink; interval widened, rounding noise hides finer structure)" : "  (at a kink)");
        else if (c.Kind == CoordinateKind.Unverifiable)
            text.Append("  (unverifiable: the kink oracle could not decide)");
        text.AppendLine();
    }
}
