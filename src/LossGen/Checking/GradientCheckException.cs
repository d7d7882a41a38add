using System;

namespace LossGen.Checking;

/// <summary>Thrown by <see cref="GradCheck.Assert{T, TFunction}"/>; the message is the full report.</summary>
public sealed class GradientCheckException : Exception
{
    public GradientCheckException(GradCheckReport report)
        : base((report ?? throw new ArgumentNullException(nameof(report))).ToString())
    {
        Report = report;
    }

    public GradCheckReport Report { get; }
}
