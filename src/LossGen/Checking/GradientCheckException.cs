using System;

namespace LossGen.Checking;

/// <summary>Thrown by <see cref="GradCheck.Assert{T, TFunction}"/>; the message is the full report.</summary>
public sealed class GradientCheckException : Exception
{
    /// <summary>An exception whose message is <paramref name="report"/>'s full text.</summary>
    /// <param name="report">The failed check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public GradientCheckException(GradCheckReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString())
    {
        Report = report;
    }

    /// <summary>The report of the failed check.</summary>
    public GradCheckReport Report { get; }
}
