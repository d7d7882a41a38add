using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LossGen.Simd;

/// <summary>The lane types a kernel can be instantiated with, by register width.</summary>
public enum VectorWidth
{
    /// <summary>One lane: <see cref="F1"/> / <see cref="D1"/>.</summary>
    Scalar = 0,
    /// <summary><see cref="F128"/> / <see cref="D128"/>.</summary>
    Bits128 = 128,
    /// <summary><see cref="F256"/> / <see cref="D256"/>.</summary>
    Bits256 = 256,
    /// <summary><see cref="F512"/> / <see cref="D512"/>.</summary>
    Bits512 = 512,
}

/// <summary>Which lane width a kernel should run with on this machine.</summary>
/// <remarks>
/// This is a run-time question, not a compile-time one. Under the JIT,
/// <c>VectorNNN.IsHardwareAccelerated</c> is a constant per process and the check folds away; under
/// NativeAOT the default target instruction set is x64-v2 (SSE4.2, no AVX), so AVX2 and AVX-512 can
/// only be used through the run-time checks the AOT compiler keeps for these properties. The JIT also
/// reports Vector512 as not accelerated on CPUs where 512-bit code lowers the clock (its default
/// preferred vector width is then 256), and <c>DOTNET_PreferredVectorBitWidth</c> can override it;
/// reading the property, rather than CPU flags, respects both.
/// </remarks>
public static class LaneWidth
{
    /// <summary>The widest of 512, 256 and 128 bits that is hardware accelerated, else scalar.</summary>
    public static VectorWidth Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.IsHardwareAccelerated ? VectorWidth.Bits512
            : Vector256.IsHardwareAccelerated ? VectorWidth.Bits256
            : Vector128.IsHardwareAccelerated ? VectorWidth.Bits128
            : VectorWidth.Scalar;
    }

    /// <summary>Float lanes per vector at <see cref="Current"/> width (1 for scalar).</summary>
    public static int FloatLanes => Current == VectorWidth.Scalar ? 1 : (int)Current / 32;

    /// <summary>Double lanes per vector at <see cref="Current"/> width (1 for scalar).</summary>
    public static int DoubleLanes => Current == VectorWidth.Scalar ? 1 : (int)Current / 64;
}
