using System;

namespace LossGen.Tests.Threading;

/// <summary>
/// Raises <see cref="Parallelism.MaxDegree"/> to at least <paramref name="degree"/> for a test, so the
/// parallel paths run on a one-core machine too, and puts it back. Other tests running meanwhile see
/// the higher degree; that changes only their speed, since every kernel gives the same bits at every degree.
/// </summary>
internal sealed class DegreeOverride : IDisposable
{
    private readonly int previous = Parallelism.MaxDegree;

    public DegreeOverride(int degree) => Parallelism.MaxDegree = Math.Max(previous, degree);

    public void Dispose() => Parallelism.MaxDegree = previous;
}
