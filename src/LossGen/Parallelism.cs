using System;
using System.Threading;

namespace LossGen;

/// <summary>
/// How many threads LossGen's kernels may use: the contractions of generated losses
/// (<c>Sum(k => X[i, k] * W[k, j])</c>, <c>MatMul</c>) and their gradients, the optimizers' steps and
/// the trainer's batch gather.
/// </summary>
/// <remarks>
/// <para>
/// Work is split by outputs, never by a sum: each thread computes whole elements of a product or of a
/// gradient (rows of the scores, columns of dW, chunks of the parameters), with the same operations
/// in the same order as on one thread. So a result is bit-identical whatever the degree, run after
/// run, and <c>Limit(1)</c> is only ever a question of speed.
/// </para>
/// <para>
/// Below a size where waking a second thread costs more than it saves (measured on the benchmarks'
/// shapes; see docs/parallelism.md) a call runs on the calling thread alone. Calls from several of
/// the user's threads at once are safe: one uses the workers, the others run on their own threads.
/// </para>
/// </remarks>
public static class Parallelism
{
    private static int maxDegree = Environment.ProcessorCount;

    [ThreadStatic] private static int limit;

    /// <summary>
    /// The most threads a call may use, process-wide, the calling thread included; by default
    /// <see cref="Environment.ProcessorCount"/>. 1 runs everything on the calling thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxDegree
    {
        get => Volatile.Read(ref maxDegree);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxDegree));
            Volatile.Write(ref maxDegree, value);
        }
    }

    /// <summary>
    /// The degree calls on this thread use now: <see cref="MaxDegree"/>, or less inside a
    /// <see cref="Limit"/> scope.
    /// </summary>
    public static int CurrentDegree => limit > 0 ? Math.Min(limit, MaxDegree) : MaxDegree;

    /// <summary>
    /// Limits the calls this thread makes to <paramref name="degree"/> threads until the returned scope is
    /// disposed (scopes nest; the innermost wins, and never raises the degree above <see cref="MaxDegree"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="degree"/> is less than 1.</exception>
    public static ParallelismScope Limit(int degree)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degree, 1);
        var scope = new ParallelismScope(limit, active: true);
        limit = degree;
        return scope;
    }

    /// <summary><see cref="Limit"/> when <paramref name="degree"/> has a value; otherwise a scope that changes nothing.</summary>
    internal static ParallelismScope LimitIf(int? degree) => degree is int value ? Limit(value) : default;

    internal static void Restore(int previous) => limit = previous;
}

/// <summary>Restores the thread's previous degree of parallelism when disposed (see <see cref="Parallelism.Limit"/>).</summary>
public readonly struct ParallelismScope : IDisposable
{
    private readonly int previous;
    private readonly bool active;

    internal ParallelismScope(int previous, bool active)
    {
        this.previous = previous;
        this.active = active;
    }

    /// <summary>Restores the degree that was in force when the scope was opened (a default scope does nothing).</summary>
    public void Dispose()
    {
        if (active) Parallelism.Restore(previous);
    }
}
