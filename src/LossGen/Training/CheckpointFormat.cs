using System;
using System.IO;

namespace LossGen.Training;

/// <summary>
/// The trainer checkpoint layout, version 1, little-endian:
/// <code>
/// u32 magic "LGTC" · i32 version · u8 element (4 = float, 8 = double)
/// i32 P · i32 state length · i32 N (training rows)
/// i64 step · i32 epoch · i32 position in epoch · u64 generator state
/// f64 epoch loss sum · i32 epoch rows · bool has best · f64 best score · i32 best epoch · i32 bad epochs · bool stopped
/// i32[N] epoch order · T[P] parameters · T[state length] optimizer state · T[P] best parameters (if has best)
/// </code>
/// A changed layout gets a new version number, so an old file is refused rather than misread.
/// </summary>
internal static class CheckpointFormat
{
    public const uint Magic = 0x4354474C; // "LGTC" read as a little-endian u32
    public const int Version = 1;

    public static byte ElementCode<T>() => (byte)System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    /// <summary>Elements are written as their in-memory bytes, which are the file's bytes only on little-endian hosts.</summary>
    public static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Trainer checkpoints are written on little-endian hosts only.");
        }
    }
}
