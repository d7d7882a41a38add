using System;
using System.Numerics;
using LossGen.Checking;

namespace LossGen.Tests.Checking;

/// <summary>The bugs a hand-written or generated gradient typically has.</summary>
internal enum Fault
{
    /// <summary>The gradient of one element has the wrong sign.</summary>
    SignFlip,

    /// <summary>A mean's 1/N was forgotten: every element is N times too large.</summary>
    MissingMeanFactor,

    /// <summary>One element's gradient is written to its neighbour (an off-by-one index); its own slot gets 0.</summary>
    WrittenToNeighbour,

    /// <summary>One element is off by a factor (1 + 1e-3).</summary>
    SmallRelativeError,
}

/// <summary>Wraps a correct function and corrupts its gradient in one planted way.</summary>
internal readonly struct PlantedFault<T, TInner>(TInner inner, Fault fault, int index, int meanCount = 1) : IGradientFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TInner : IGradientFunction<T>
{
    public T Value(ReadOnlySpan<T> x) => inner.Value(x);

    public T ValueAndGradient(ReadOnlySpan<T> x, Span<T> gradient)
    {
        T value = inner.ValueAndGradient(x, gradient);
        switch (fault)
        {
            case Fault.SignFlip:
                gradient[index] = -gradient[index];
                break;
            case Fault.MissingMeanFactor:
                for (int i = 0; i < gradient.Length; i++)
                    gradient[i] *= T.CreateTruncating(meanCount);
                break;
            case Fault.WrittenToNeighbour:
                gradient[index + 1] = gradient[index];
                gradient[index] = T.Zero;
                break;
            case Fault.SmallRelativeError:
                gradient[index] *= T.CreateTruncating(1 + 1e-3);
                break;
        }

        return value;
    }
}
