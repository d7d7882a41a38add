using Xunit;

namespace DigitsSoftmax.Tests;

/// <summary>Tests that run the tool redirect the process-wide console, so they must not overlap.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}
