using LossGen;
using static LossGen.Dsl;

namespace LossGen.Benchmarks.Peers;

/// <summary>
/// Crammer–Singer multiclass hinge as a user declares it (the consumer tests' declaration): a Max
/// reduction over the other classes whose gradient goes to the element it selected, the loss whose
/// arg-max recording loop these benchmarks time.
/// </summary>
[Loss]
public partial struct CrammerSingerLoss
{
    static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
        => Mean(i => Max(0f, 1f + Max(j => j == y[i] ? -1e30f : s[i, j]) - s[i, y[i]]));
}
