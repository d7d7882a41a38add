using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LossGen.CompilerServices;

/// <summary>
/// The lane-by-lane versions of the rows-across-lanes members of <see cref="ILanes{TSelf, T}"/>:
/// the interface's defaults, and the fallback of the wide types when their hardware path does not apply.
/// A lane type is a single vector field, so its lanes are consecutive elements in memory.
/// </summary>
internal static class LaneDefaults
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSelf LoadStrided<TSelf, T>(ReadOnlySpan<T> source, int offset, int stride)
        where TSelf : struct, ILanes<TSelf, T>
        where T : unmanaged
    {
        TSelf result = default;
        ref T lanes = ref Unsafe.As<TSelf, T>(ref result);
        ref T start = ref MemoryMarshal.GetReference(source);
        for (int l = 0; l < TSelf.Count; l++)
        {
            Unsafe.Add(ref lanes, l) = Unsafe.Add(ref start, (nint)offset + (nint)l * stride);
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreStrided<TSelf, T>(Span<T> destination, int offset, int stride, TSelf value)
        where TSelf : struct, ILanes<TSelf, T>
        where T : unmanaged
    {
        ref T lanes = ref Unsafe.As<TSelf, T>(ref value);
        ref T start = ref MemoryMarshal.GetReference(destination);
        for (int l = 0; l < TSelf.Count; l++)
        {
            Unsafe.Add(ref start, (nint)offset + (nint)l * stride) = Unsafe.Add(ref lanes, l);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSelf LoadLabeled<TSelf, T>(ReadOnlySpan<T> source, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale)
        where TSelf : struct, ILanes<TSelf, T>
        where T : unmanaged
    {
        TSelf result = default;
        ref T lanes = ref Unsafe.As<TSelf, T>(ref result);
        ref T start = ref MemoryMarshal.GetReference(source);
        ref int label = ref MemoryMarshal.GetReference(labels);
        for (int l = 0; l < TSelf.Count; l++)
        {
            nint at = (nint)offset + (nint)l * stride + (nint)Unsafe.Add(ref label, (nint)labelOffset + (nint)l * labelStride) * scale;
            Unsafe.Add(ref lanes, l) = Unsafe.Add(ref start, at);
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddToLabeled<TSelf, T>(Span<T> destination, int offset, int stride, ReadOnlySpan<int> labels, int labelOffset, int labelStride, int scale, TSelf value)
        where TSelf : struct, ILanes<TSelf, T>
        where T : unmanaged
    {
        ref T lanes = ref Unsafe.As<TSelf, T>(ref value);
        ref T start = ref MemoryMarshal.GetReference(destination);
        ref int label = ref MemoryMarshal.GetReference(labels);
        for (int l = 0; l < TSelf.Count; l++)
        {
            nint at = (nint)offset + (nint)l * stride + (nint)Unsafe.Add(ref label, (nint)labelOffset + (nint)l * labelStride) * scale;
            ref T element = ref Unsafe.Add(ref start, at);
            element = LaneMath.Add(element, Unsafe.Add(ref lanes, l));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TSelf LabelMask<TSelf, T>(ReadOnlySpan<int> labels, int labelOffset, int labelStride, IndexComparison op, int value)
        where TSelf : struct, ILanes<TSelf, T>
        where T : unmanaged
    {
        TSelf result = default;
        ref byte bytes = ref Unsafe.As<TSelf, byte>(ref result);
        ref int label = ref MemoryMarshal.GetReference(labels);
        int size = Unsafe.SizeOf<T>();
        for (int l = 0; l < TSelf.Count; l++)
        {
            if (LaneMath.Compare(Unsafe.Add(ref label, (nint)labelOffset + (nint)l * labelStride), op, value))
            {
                Unsafe.InitBlockUnaligned(ref Unsafe.Add(ref bytes, l * size), 0xFF, (uint)size);
            }
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void LoadRowsTransposed<TSelf, T>(ReadOnlySpan<T> source, int offset, int rowLength, Span<T> tile)
        where TSelf : struct, ILanes<TSelf, T>
        where T : unmanaged
    {
        ref T row = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (nint)offset);
        ref T column = ref MemoryMarshal.GetReference(tile);
        int count = TSelf.Count;
        if (RowTranspose.Applies<T>(count))
        {
            RowTranspose.In(ref row, rowLength, ref column, count);
            return;
        }
        for (int l = 0; l < count; l++)
        {
            // Row l of the block is contiguous; its element j goes to lane l of column j.
            for (int j = 0; j < rowLength; j++)
            {
                Unsafe.Add(ref column, (nint)j * count + l) = Unsafe.Add(ref row, j);
            }
            row = ref Unsafe.Add(ref row, rowLength);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreRowsTransposed<TSelf, T>(Span<T> destination, int offset, int rowLength, ReadOnlySpan<T> tile, bool add)
        where TSelf : struct, ILanes<TSelf, T>
        where T : unmanaged
    {
        ref T row = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (nint)offset);
        ref T column = ref MemoryMarshal.GetReference(tile);
        int count = TSelf.Count;
        if (RowTranspose.Applies<T>(count))
        {
            RowTranspose.Out(ref row, rowLength, ref column, count, add);
            return;
        }
        for (int l = 0; l < count; l++)
        {
            for (int j = 0; j < rowLength; j++)
            {
                T value = Unsafe.Add(ref column, (nint)j * count + l);
                Unsafe.Add(ref row, j) = add ? LaneMath.Add(Unsafe.Add(ref row, j), value) : value;
            }
            row = ref Unsafe.Add(ref row, rowLength);
        }
    }
}
