using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using LossGen.CompilerServices;

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
/// This must be asked at run time, never decided by the generator at compile time: the same
/// assembly runs on machines with and without AVX-512, and under NativeAOT the compiler targets a
/// conservative baseline instruction set by default (no AVX), which leaves Vector256/Vector512
/// unaccelerated unless the app opts in with <c>IlcInstructionSet</c>. Under the JIT the properties are constants per process
/// and the check folds away. The JIT also reports Vector512 as unaccelerated on CPUs whose clock drops
/// under 512-bit code (preferring 256) and honours <c>DOTNET_PreferredVectorBitWidth</c>; reading the
/// properties, rather than CPU flags, respects both.
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
