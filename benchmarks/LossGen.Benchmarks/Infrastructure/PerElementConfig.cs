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
        AddColumn(new NsPerElementColumn(), new EffectiveBandwidthColumn());
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
