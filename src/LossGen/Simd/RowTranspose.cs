using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.Simd;

/// <summary>
/// Float block transposition in 4×4 pieces (the SSE unpack/move pattern): four rows of four
/// elements are four 128-bit loads, eight shuffles and four 128-bit stores, where element by
/// element they are sixteen loads and sixteen stores. Columns past the last multiple of four go
/// element by element. Used by the rows-across-lanes tiles when the lane count is a multiple of 4.
/// </summary>
internal static class RowTranspose
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Applies<T>(int count) => typeof(T) == typeof(float) && Sse.IsSupported && count % 4 == 0;

    /// <summary><c>tile[j·count + l] = rows[l·rowLength + j]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void In(ref float rows, int rowLength, ref float tile, int count)
    {
        for (int l = 0; l < count; l += 4)
        {
            ref float r0 = ref Unsafe.Add(ref rows, (nint)l * rowLength);
            ref float r1 = ref Unsafe.Add(ref r0, rowLength);
            ref float r2 = ref Unsafe.Add(ref r1, rowLength);
            ref float r3 = ref Unsafe.Add(ref r2, rowLength);
            ref float column = ref Unsafe.Add(ref tile, l);
            int j = 0;
            for (; j <= rowLength - 4; j += 4)
            {
                Transpose(
                    Vector128.LoadUnsafe(ref r0, (nuint)j), Vector128.LoadUnsafe(ref r1, (nuint)j),
                    Vector128.LoadUnsafe(ref r2, (nuint)j), Vector128.LoadUnsafe(ref r3, (nuint)j),
                    out var c0, out var c1, out var c2, out var c3);
                ref float at = ref Unsafe.Add(ref column, (nint)j * count);
                c0.StoreUnsafe(ref at);
                c1.StoreUnsafe(ref Unsafe.Add(ref at, count));
                c2.StoreUnsafe(ref Unsafe.Add(ref at, 2 * count));
                c3.StoreUnsafe(ref Unsafe.Add(ref at, 3 * count));
            }
            for (; j < rowLength; j++)
            {
                Vector128.Create(Unsafe.Add(ref r0, j), Unsafe.Add(ref r1, j), Unsafe.Add(ref r2, j), Unsafe.Add(ref r3, j))
                    .StoreUnsafe(ref Unsafe.Add(ref column, (nint)j * count));
            }
        }
    }

    /// <summary><c>rows[l·rowLength + j] (+)= tile[j·count + l]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Out(ref float rows, int rowLength, ref float tile, int count, bool add)
    {
        for (int l = 0; l < count; l += 4)
        {
            ref float r0 = ref Unsafe.Add(ref rows, (nint)l * rowLength);
            ref float r1 = ref Unsafe.Add(ref r0, rowLength);
            ref float r2 = ref Unsafe.Add(ref r1, rowLength);
            ref float r3 = ref Unsafe.Add(ref r2, rowLength);
            ref float column = ref Unsafe.Add(ref tile, l);
            int j = 0;
            for (; j <= rowLength - 4; j += 4)
            {
                ref float at = ref Unsafe.Add(ref column, (nint)j * count);
                Transpose(
                    Vector128.LoadUnsafe(ref at), Vector128.LoadUnsafe(ref Unsafe.Add(ref at, count)),
                    Vector128.LoadUnsafe(ref Unsafe.Add(ref at, 2 * count)), Vector128.LoadUnsafe(ref Unsafe.Add(ref at, 3 * count)),
                    out var w0, out var w1, out var w2, out var w3);
                if (add)
                {
                    w0 += Vector128.LoadUnsafe(ref r0, (nuint)j);
                    w1 += Vector128.LoadUnsafe(ref r1, (nuint)j);
                    w2 += Vector128.LoadUnsafe(ref r2, (nuint)j);
                    w3 += Vector128.LoadUnsafe(ref r3, (nuint)j);
                }
                w0.StoreUnsafe(ref r0, (nuint)j);
                w1.StoreUnsafe(ref r1, (nuint)j);
                w2.StoreUnsafe(ref r2, (nuint)j);
                w3.StoreUnsafe(ref r3, (nuint)j);
            }
            for (; j < rowLength; j++)
            {
                Vector128<float> c = Vector128.LoadUnsafe(ref Unsafe.Add(ref column, (nint)j * count));
                if (add)
                {
                    c += Vector128.Create(Unsafe.Add(ref r0, j), Unsafe.Add(ref r1, j), Unsafe.Add(ref r2, j), Unsafe.Add(ref r3, j));
                }
                Unsafe.Add(ref r0, j) = c.GetElement(0);
                Unsafe.Add(ref r1, j) = c.GetElement(1);
                Unsafe.Add(ref r2, j) = c.GetElement(2);
                Unsafe.Add(ref r3, j) = c.GetElement(3);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d,
        out Vector128<float> w, out Vector128<float> x, out Vector128<float> y, out Vector128<float> z)
    {
        Vector128<float> ab0 = Sse.UnpackLow(a, b);   // a0 b0 a1 b1
        Vector128<float> cd0 = Sse.UnpackLow(c, d);   // c0 d0 c1 d1
        Vector128<float> ab1 = Sse.UnpackHigh(a, b);  // a2 b2 a3 b3
        Vector128<float> cd1 = Sse.UnpackHigh(c, d);  // c2 d2 c3 d3
        w = Sse.MoveLowToHigh(ab0, cd0);               // a0 b0 c0 d0
        x = Sse.MoveHighToLow(cd0, ab0);               // a1 b1 c1 d1
        y = Sse.MoveLowToHigh(ab1, cd1);
        z = Sse.MoveHighToLow(cd1, ab1);
    }
}
