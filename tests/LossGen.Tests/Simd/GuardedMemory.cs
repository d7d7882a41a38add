using System;
using System.Runtime.InteropServices;

namespace LossGen.Tests.Simd;

/// <summary>
/// A buffer whose last element sits right before an inaccessible page (Linux mmap + mprotect), so a
/// partial load or store that touches even one element past the span crashes the test run instead
/// of passing silently. Elsewhere it degrades to an ordinary array (canaries still check writes).
/// </summary>
internal sealed unsafe class GuardedMemory<T> : IDisposable
    where T : unmanaged
{
    private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymous = 0x22;
    private readonly nint _mapping;
    private readonly nuint _mappingLength;
    private readonly T[]? _array;
    private readonly T* _start;

    public GuardedMemory(int length)
    {
        Length = length;
        if (!OperatingSystem.IsLinux())
        {
            _array = new T[length];
            return;
        }
        nuint page = (nuint)Environment.SystemPageSize;
        nuint dataPages = ((nuint)(length * sizeof(T)) + page - 1) / page;
        _mappingLength = (dataPages + 1) * page;
        _mapping = Libc.mmap(0, _mappingLength, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        if (_mapping == -1 || Libc.mprotect(_mapping + (nint)(dataPages * page), page, ProtNone) != 0)
        {
            throw new InvalidOperationException("mmap/mprotect failed: " + Marshal.GetLastPInvokeError());
        }
        _start = (T*)(_mapping + (nint)(dataPages * page)) - length;
    }

    public int Length { get; }

    public Span<T> Span => _array is null ? new Span<T>(_start, Length) : _array;

    public void Dispose()
    {
        if (_array is null)
        {
            Libc.munmap(_mapping, _mappingLength);
        }
    }
}

/// <summary>The libc calls behind <see cref="GuardedMemory{T}"/> (P/Invoke cannot live in a generic type).</summary>
internal static class Libc
{
    [DllImport("libc", SetLastError = true)]
    public static extern nint mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    public static extern int mprotect(nint address, nuint length, int protection);

    [DllImport("libc", SetLastError = true)]
    public static extern int munmap(nint address, nuint length);
}
