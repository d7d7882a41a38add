using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>Marks the suite whose rows are the measured bandwidth the %BW column divides by.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BandwidthReferenceAttribute : Attribute;

/// <summary>
/// "% of measured bandwidth": a kernel's effective GB/s over the GB/s of the bandwidth-reference row
/// with the same bytes per element and the same element count (Copy for an 8 B/score loss,
/// AdamShaped for 28 B/parameter Adam) — equivalently reference time / kernel time. It needs both
/// rows in one summary, so it is filled in only when the suites run with --join (run.sh does).
/// </summary>
public sealed class PercentOfBandwidthColumn : IColumn
{
    public string Id => nameof(PercentOfBandwidthColumn);
    public string ColumnName => "%BW";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 2;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "GB/s as a percentage of the [BandwidthReference] row with the same bytes/element and size (needs --join)";

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        int? bytes = BytesPerElement(benchmarkCase);
        long elements = NsPerElementColumn.ElementCount(benchmarkCase);
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (bytes is null || elements <= 0 || mean is null)
        {
            return "-";
        }

        BenchmarkCase? reference = summary.BenchmarksCases.FirstOrDefault(candidate =>
            candidate.Descriptor.Type.GetCustomAttribute<BandwidthReferenceAttribute>() is not null
            && BytesPerElement(candidate) == bytes
            && NsPerElementColumn.ElementCount(candidate) == elements
            && candidate.Job.DisplayInfo == benchmarkCase.Job.DisplayInfo);
        double? referenceMean = reference is null ? null : summary[reference]?.ResultStatistics?.Mean;
        if (referenceMean is null)
        {
            return "-";
        }

        return (100.0 * referenceMean.Value / mean.Value).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    internal static int? BytesPerElement(BenchmarkCase benchmarkCase)
    {
        MethodInfo method = benchmarkCase.Descriptor.WorkloadMethod;
        return (method.GetCustomAttribute<BytesPerElementAttribute>()
                ?? method.DeclaringType?.GetCustomAttribute<BytesPerElementAttribute>())?.Bytes;
    }

    public override string ToString() => ColumnName;
}
