using System;
using System.Linq;
using LossGen.Builtins;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Threading;

/// <summary>
/// The objectives of the linear built-ins read a batch's rows of X by index (the product follows the
/// row indices and gathers a tile at a time) instead of copying the batch out first. On a batch large enough to run on two
/// threads, shuffled with a repeated row, the value and every gradient element are the same bits as
/// the declaration's own ValueAndGradient on the rows copied out by hand, at the default degree and
/// at two (DegreeOverride only raises it, so other tests running meanwhile change only speed),
/// in float and double; and a step allocates nothing after warm-up.
/// </summary>
[Collection(ParallelismCollection.Name)]
public sealed class InPlaceBatchTests
{
    private const int N = 700, D = 1500, C = 10, Batch = 300;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Softmax_batch_read_in_place_is_the_declaration_on_the_gathered_rows(int degree)
    {
        var (x, y, rows, p) = Data();
        {
            using var _ = new DegreeOverride(degree);
            Same<float>(x, y, rows, p, static (xs, ys, n) => new LinearSoftmax.Objective<float>(xs, ys, n, D, C, lambda: 0.01),
                (xb, w, b, yb, dW, db) => LinearSoftmax.ValueAndGradient(xb, w, b, yb, Batch, D, C, dW, db, 0.01f));
            Same<double>(x, y, rows, p, static (xs, ys, n) => new LinearSoftmax.Objective<double>(xs, ys, n, D, C, lambda: 0.01),
                (xb, w, b, yb, dW, db) => LinearSoftmax.ValueAndGradient(xb, w, b, yb, Batch, D, C, dW, db, 0.01));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Svm_batch_read_in_place_is_the_declaration_on_the_gathered_rows(int degree)
    {
        var (x, y, rows, p) = Data();
        {
            using var _ = new DegreeOverride(degree);
            Same<float>(x, y, rows, p, static (xs, ys, n) => new LinearSvm.Objective<float>(xs, ys, n, D, C),
                (xb, w, b, yb, dW, db) => LinearSvm.ValueAndGradient(xb, w, b, yb, Batch, D, C, dW, db));
            Same<double>(x, y, rows, p, static (xs, ys, n) => new LinearSvm.Objective<double>(xs, ys, n, D, C),
                (xb, w, b, yb, dW, db) => LinearSvm.ValueAndGradient(xb, w, b, yb, Batch, D, C, dW, db));
        }
    }

    [Fact]
    public void A_step_on_a_batch_read_in_place_allocates_nothing_after_warm_up()
    {
        var (x, y, rows, p) = Data();
        var objective = new LinearSoftmax.Objective<float>(x.Select(v => (float)v).ToArray(), y, N, D, C);
        var parameters = p.Select(v => (float)v).ToArray();
        var gradient = new float[parameters.Length];
        {
            using var _ = new DegreeOverride(2);
            objective.ValueAndGradient(parameters, rows, gradient);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < 3; r++) objective.ValueAndGradient(parameters, rows, gradient);
            (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
        }
    }

    private delegate LossGen.Training.IBatchObjective<T> Make<T>(T[] x, int[] y, int n)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>;

    private delegate T Direct<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> w, ReadOnlySpan<T> b, ReadOnlySpan<int> y, Span<T> dW, Span<T> db);

    private static void Same<T>(double[] x, int[] y, int[] rows, double[] p, Make<T> make, Direct<T> direct)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        T[] xs = x.Select(T.CreateTruncating).ToArray(), parameters = p.Select(T.CreateTruncating).ToArray();
        var objective = make(xs, y, N);
        var gradient = new T[parameters.Length];
        T value = objective.ValueAndGradient(parameters, rows, gradient);

        T[] gathered = rows.SelectMany(r => xs.Skip(r * D).Take(D)).ToArray();
        int[] labels = rows.Select(r => y[r]).ToArray();
        T[] dW = new T[D * C], db = new T[C];
        T expected = direct(gathered, parameters.AsSpan(0, D * C), parameters.AsSpan(D * C), labels, dW, db);

        string where = $"{typeof(T).Name} at degree {Parallelism.CurrentDegree}";
        value.ShouldBe(expected, where);
        gradient.ShouldBe(dW.Concat(db).ToArray(), where);
    }

    /// <summary>N rows of D features, labels, a shuffled batch with its last row repeating its first, and small parameters.</summary>
    private static (double[] X, int[] Y, int[] Rows, double[] Parameters) Data()
    {
        var rng = new Random(3);
        var x = Enumerable.Range(0, N * D).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var y = Enumerable.Range(0, N).Select(_ => rng.Next(C)).ToArray();
        var rows = Enumerable.Range(0, N).OrderBy(_ => rng.Next()).Take(Batch).ToArray();
        rows[^1] = rows[0];
        var p = Enumerable.Range(0, D * C + C).Select(_ => (rng.NextDouble() * 2 - 1) * 0.01).ToArray();
        return (x, y, rows, p);
    }
}
