using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace LossGen.Benchmarks.Infrastructure;

/// <summary>
/// Added to every benchmark class with [Config]: the per-element and bandwidth columns, and a
/// summary grouped by category so each loss/optimizer gets its own baseline and Ratio.
/// </summary>
public sealed class PerElementConfig : ManualConfig
{
    public PerElementConfig()
    {
        // Median beside Mean: on a shared 2-core machine a few preempted iterations skew the mean.
        AddColumn(StatisticColumn.Median);
        AddColumn(new NsPerElementColumn(), new EffectiveBandwidthColumn(), new PercentOfBandwidthColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
