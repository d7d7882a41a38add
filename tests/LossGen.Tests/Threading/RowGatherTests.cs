using System;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Threading;

/// <summary>
/// A batch gathered on several threads holds exactly the rows asked for, in order: a shuffled
/// 700-row batch of 3072 floats (8.6 MB, far above the parallel threshold), repeated and first/last
/// rows included, against a row-by-row copy.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class RowGatherTests
{
    [Fact]
    public void A_parallel_gather_copies_the_rows_asked_for_in_order()
    {
        using var degree = new DegreeOverride(3);
        const int features = 3072, setRows = 2000, batch = 700;
        var source = new float[setRows * features];
        for (int i = 0; i < source.Length; i++) source[i] = i * 0.5f;
        var random = new Random(5);
        var rows = new int[batch];
        for (int i = 0; i < batch; i++) rows[i] = random.Next(setRows);
        rows[0] = setRows - 1;
        rows[1] = 0;
        rows[2] = rows[3];

        var scratch = Array.Empty<float>();
        ReadOnlySpan<float> gathered = AdapterSupport.Gather<float>(source, features, rows, ref scratch);

        gathered.Length.ShouldBe(batch * features);
        for (int i = 0; i < batch; i++)
        {
            if (!gathered.Slice(i * features, features).SequenceEqual(source.AsSpan(rows[i] * features, features)))
                Assert.Fail($"row {i} of the batch is not source row {rows[i]}");
        }
    }
}
