using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace LossGen.CompilerServices;

/// <summary>
/// Block transposition between rows and a tile in 4×4 pieces: four rows of four elements are four
/// vector loads, eight shuffles and four vector stores, where element by element they are sixteen
/// loads and sixteen stores. Floats use the SSE unpack/move pattern on 128-bit vectors, doubles the
/// AVX unpack/lane-permute pattern on 256-bit vectors. Columns past the last multiple of four go
/// element by element. Used by the rows-across-lanes tiles when the lane count is a multiple of 4.
/// </summary>
internal static class RowTranspose
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Applies<T>(int count) =>
        count % 4 == 0 && (typeof(T) == typeof(float) ? Sse.IsSupported : typeof(T) == typeof(double) && Avx.IsSupported);

    /// <summary><c>tile[j·count + l] = rows[l·rowLength + j]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void In<T>(ref T rows, int rowLength, ref T tile, int count)
        where T : unmanaged
    {
        for (int l = 0; l < count; l += 4)
        {
            ref T r0 = ref Unsafe.Add(ref rows, (nint)l * rowLength);
            ref T r1 = ref Unsafe.Add(ref r0, rowLength);
            ref T r2 = ref Unsafe.Add(ref r1, rowLength);
            ref T r3 = ref Unsafe.Add(ref r2, rowLength);
            ref T column = ref Unsafe.Add(ref tile, l);
            int j = 0;
            for (; j <= rowLength - 4; j += 4)
            {
                ref T at = ref Unsafe.Add(ref column, (nint)j * count);
                Quad(ref Unsafe.Add(ref r0, j), ref Unsafe.Add(ref r1, j), ref Unsafe.Add(ref r2, j), ref Unsafe.Add(ref r3, j),
                    ref at, ref Unsafe.Add(ref at, count), ref Unsafe.Add(ref at, 2 * count), ref Unsafe.Add(ref at, 3 * count), add: false);
            }
            for (; j < rowLength; j++)
            {
                // One column: the four elements gathered into a vector in registers, stored once.
                ref T at = ref Unsafe.Add(ref column, (nint)j * count);
                if (typeof(T) == typeof(float))
                {
                    Vector128.Create(As<T, float>(Unsafe.Add(ref r0, j)), As<T, float>(Unsafe.Add(ref r1, j)),
                        As<T, float>(Unsafe.Add(ref r2, j)), As<T, float>(Unsafe.Add(ref r3, j))).StoreUnsafe(ref Unsafe.As<T, float>(ref at));
                }
                else
                {
                    Vector256.Create(As<T, double>(Unsafe.Add(ref r0, j)), As<T, double>(Unsafe.Add(ref r1, j)),
                        As<T, double>(Unsafe.Add(ref r2, j)), As<T, double>(Unsafe.Add(ref r3, j))).StoreUnsafe(ref Unsafe.As<T, double>(ref at));
                }
            }
        }
    }

    /// <summary><c>rows[l·rowLength + j] (+)= tile[j·count + l]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Out<T>(ref T rows, int rowLength, ref T tile, int count, bool add)
        where T : unmanaged
    {
        for (int l = 0; l < count; l += 4)
        {
            ref T r0 = ref Unsafe.Add(ref rows, (nint)l * rowLength);
            ref T r1 = ref Unsafe.Add(ref r0, rowLength);
            ref T r2 = ref Unsafe.Add(ref r1, rowLength);
            ref T r3 = ref Unsafe.Add(ref r2, rowLength);
            ref T column = ref Unsafe.Add(ref tile, l);
            int j = 0;
            for (; j <= rowLength - 4; j += 4)
            {
                ref T at = ref Unsafe.Add(ref column, (nint)j * count);
                Quad(ref at, ref Unsafe.Add(ref at, count), ref Unsafe.Add(ref at, 2 * count), ref Unsafe.Add(ref at, 3 * count),
                    ref Unsafe.Add(ref r0, j), ref Unsafe.Add(ref r1, j), ref Unsafe.Add(ref r2, j), ref Unsafe.Add(ref r3, j), add);
            }
            for (; j < rowLength; j++)
            {
                ref T at = ref Unsafe.Add(ref column, (nint)j * count);
                Store(ref Unsafe.Add(ref r0, j), at, add);
                Store(ref Unsafe.Add(ref r1, j), Unsafe.Add(ref at, 1), add);
                Store(ref Unsafe.Add(ref r2, j), Unsafe.Add(ref at, 2), add);
                Store(ref Unsafe.Add(ref r3, j), Unsafe.Add(ref at, 3), add);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(ref T destination, T value, bool add)
        where T : unmanaged =>
        destination = add ? LaneMath.Add(destination, value) : value;

    /// <summary>
    /// Reads four runs of four elements (s0…s3), transposes them and writes (or adds) the columns to
    /// d0…d3: d_q[p] (+)= s_p[q].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Quad<T>(ref T s0, ref T s1, ref T s2, ref T s3, ref T d0, ref T d1, ref T d2, ref T d3, bool add)
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            Transpose(
                Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref s0)), Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref s1)),
                Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref s2)), Vector128.LoadUnsafe(ref Unsafe.As<T, float>(ref s3)),
                out var w0, out var w1, out var w2, out var w3);
            Put(ref Unsafe.As<T, float>(ref d0), w0, add);
            Put(ref Unsafe.As<T, float>(ref d1), w1, add);
            Put(ref Unsafe.As<T, float>(ref d2), w2, add);
            Put(ref Unsafe.As<T, float>(ref d3), w3, add);
        }
        else
        {
            Transpose(
                Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref s0)), Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref s1)),
                Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref s2)), Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref s3)),
                out var w0, out var w1, out var w2, out var w3);
            Put(ref Unsafe.As<T, double>(ref d0), w0, add);
            Put(ref Unsafe.As<T, double>(ref d1), w1, add);
            Put(ref Unsafe.As<T, double>(ref d2), w2, add);
            Put(ref Unsafe.As<T, double>(ref d3), w3, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(ref float destination, Vector128<float> value, bool add) =>
        (add ? value + Vector128.LoadUnsafe(ref destination) : value).StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(ref double destination, Vector256<double> value, bool add) =>
        (add ? value + Vector256.LoadUnsafe(ref destination) : value).StoreUnsafe(ref destination);

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(Vector256<double> a, Vector256<double> b, Vector256<double> c, Vector256<double> d,
        out Vector256<double> w, out Vector256<double> x, out Vector256<double> y, out Vector256<double> z)
    {
        Vector256<double> ab0 = Avx.UnpackLow(a, b);   // a0 b0 | a2 b2
        Vector256<double> ab1 = Avx.UnpackHigh(a, b);  // a1 b1 | a3 b3
        Vector256<double> cd0 = Avx.UnpackLow(c, d);   // c0 d0 | c2 d2
        Vector256<double> cd1 = Avx.UnpackHigh(c, d);  // c1 d1 | c3 d3
        w = Avx.Permute2x128(ab0, cd0, 0x20);          // a0 b0 c0 d0 (low halves)
        x = Avx.Permute2x128(ab1, cd1, 0x20);          // a1 b1 c1 d1
        y = Avx.Permute2x128(ab0, cd0, 0x31);          // a2 b2 c2 d2 (high halves)
        z = Avx.Permute2x128(ab1, cd1, 0x31);          // a3 b3 c3 d3
    }
}
