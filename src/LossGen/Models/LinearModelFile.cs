using System;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using LossGen.Data;

namespace LossGen.Models;

/// <summary>
/// The linear-model file, version 1, little-endian:
/// <code>
/// u32 magic "LGLM" · i32 version · u8 element (4 = float, 8 = double)
/// i32 D · i32 C · C × class name (7-bit-encoded length, UTF-8)
/// u8 has standardizer · [f64[D] mean · f64[D] scale]
/// T[D·C] W (row-major) · T[C] b · end of stream
/// </code>
/// A changed layout gets a new version number, so an old file is refused rather than misread; the
/// header's sizes are bounded before anything is allocated, so a corrupt header fails with a message
/// instead of an out-of-memory.
/// </summary>
internal static class LinearModelFile
{
    public const uint Magic = 0x4D4C474C; // "LGLM" read as a little-endian u32
    public const int Version = 1;

    /// <summary>The largest D·C read back; the LIBSVM loader's densification limit, so any model trained on loaded data fits.</summary>
    public const long MaxWeights = 1L << 28;

    public static void Write<T>(Stream stream, LinearModel<T> model)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireLittleEndian();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(ElementCode<T>());
        writer.Write(model.FeatureCount);
        writer.Write(model.ClassCount);
        foreach (string name in model.ClassNames)
        {
            writer.Write(name);
        }

        writer.Write(model.Standardizer is not null);
        if (model.Standardizer is { } s)
        {
            writer.Write(MemoryMarshal.AsBytes(s.Mean.AsSpan()));
            writer.Write(MemoryMarshal.AsBytes(s.Scale.AsSpan()));
        }

        writer.Write(MemoryMarshal.AsBytes(model.Weights));
        writer.Write(MemoryMarshal.AsBytes(model.Bias));
    }

    public static LinearModel<T> Read<T>(Stream stream, string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireLittleEndian();
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic)
            {
                throw Bad(source, "is not a LossGen linear model (no \"LGLM\" header)");
            }

            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw Bad(source, $"has format version {version}; this LossGen reads version {Version}");
            }

            byte element = reader.ReadByte();
            if (element != ElementCode<T>())
            {
                throw Bad(source, $"holds {ElementName(element)} weights; load it as LinearModel<{ElementName(element)}>, not LinearModel<{ElementName(ElementCode<T>())}>");
            }

            int d = reader.ReadInt32(), c = reader.ReadInt32();
            if (d <= 0 || c < 2 || (long)d * c > MaxWeights)
            {
                throw Bad(source, $"declares {d} features × {c} classes; a model has D ≥ 1, C ≥ 2 and D·C ≤ {MaxWeights}");
            }

            var names = new string[c];
            for (int j = 0; j < c; j++)
            {
                names[j] = reader.ReadString();
            }

            Standardizer? standardizer = null;
            if (reader.ReadBoolean())
            {
                double[] mean = ReadArray<double>(reader, d), scale = ReadArray<double>(reader, d);
                standardizer = new Standardizer(mean, scale);
            }

            T[] weights = ReadArray<T>(reader, d * c), bias = ReadArray<T>(reader, c);
            if (stream.ReadByte() != -1)
            {
                throw Bad(source, "has bytes after the model's last value");
            }

            return new LinearModel<T>(weights, bias, d, names, standardizer);
        }
        catch (EndOfStreamException)
        {
            throw Bad(source, "ends before the model does (truncated)");
        }
        catch (ArgumentException e)
        {
            // A value the model refuses (non-finite weight, repeated class name, non-positive scale).
            throw new InvalidDataException($"{source}: {e.Message}", e);
        }
    }

    private static TValue[] ReadArray<TValue>(BinaryReader reader, int count)
        where TValue : unmanaged
    {
        var values = new TValue[count];
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        reader.BaseStream.ReadExactly(bytes);
        return values;
    }

    private static byte ElementCode<T>() => (byte)System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    private static string ElementName(byte code) => code switch
    {
        4 => "float",
        8 => "double",
        _ => $"unknown (element code {code})",
    };

    private static InvalidDataException Bad(string source, string what) => new($"{source} {what}.");

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Linear-model files are written and read on little-endian hosts only.");
        }
    }
}
