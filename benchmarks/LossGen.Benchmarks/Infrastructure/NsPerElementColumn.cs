using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// Mean time divided by the number of elements one invocation processes (N·C scores or P parameters),
/// so shapes with different totals compare on one scale. The element count is the product of every
/// <see cref="IElementCount"/> parameter and every integer parameter of the case.
/// </summary>
public sealed class NsPerElementColumn : IColumn
{
    public string Id => nameof(NsPerElementColumn);
    public string ColumnName => "ns/element";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Mean time per element (per score for losses, per parameter for optimizers, per array element for bandwidth)";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        long elements = ElementCount(benchmarkCase);
        if (meanNs is null || elements <= 0)
        {
            return "-";
        }

        return (meanNs.Value / elements).ToString("0.000", CultureInfo.InvariantCulture);
    }

    internal static long ElementCount(BenchmarkCase benchmarkCase)
    {
        long count = 1;
        bool any = false;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            switch (parameter.Value)
            {
                case IElementCount counted:
                    count *= counted.Elements;
                    any = true;
                    break;
                case int i:
                    count *= i;
                    any = true;
                    break;
                case long l:
                    count *= l;
                    any = true;
                    break;
            }
        }

        return any ? count : 0;
    }

    public override string ToString() => ColumnName;
}

/// <summary>
/// Effective bandwidth = [BytesPerElement] × elements / mean time, in GB/s (10^9 bytes). For the
/// Bandwidth benchmarks this is the measured machine bandwidth; for a kernel it says how close the
/// kernel comes to it (divide by the Bandwidth row of the same working set for "% of bandwidth").
/// </summary>
public sealed class EffectiveBandwidthColumn : IColumn
{
    public string Id => nameof(EffectiveBandwidthColumn);
    public string ColumnName => "GB/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 1;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Effective bandwidth: ideal bytes moved ([BytesPerElement] × elements) / mean time, 10^9 B/s";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
        long elements = NsPerElementColumn.ElementCount(benchmarkCase);
        int? bytes = PercentOfBandwidthColumn.BytesPerElement(benchmarkCase);
        if (meanNs is null || elements <= 0 || bytes is null)
        {
            return "-";
        }

        // bytes / ns = GB/s
        return (bytes.Value * (double)elements / meanNs.Value).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public override string ToString() => ColumnName;
}
