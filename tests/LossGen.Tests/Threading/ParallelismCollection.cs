using Xunit;

namespace LossGen.Tests.Threading;

/// <summary>The tests that raise <see cref="Parallelism.MaxDegree"/> run one at a time, so their overrides never interleave.</summary>
[CollectionDefinition(Name)]
public sealed class ParallelismCollection
{
    public const string Name = "Parallelism";
}
