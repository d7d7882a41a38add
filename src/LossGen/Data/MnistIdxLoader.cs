using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Numerics;
using LossGen.Training;

namespace LossGen.Data;

/// <summary>
/// Loads MNIST-style IDX files (an images file of unsigned bytes <c>[N, rows, columns]</c> and a
/// labels file <c>[N]</c>), raw or gzip-compressed (recognised by the gzip magic bytes, not the
/// file name). Headers are big-endian and checked: magic <c>0x00000803</c> for images,
/// <c>0x00000801</c> for labels, equal counts, labels in [0, 10). Pixels are scaled to [0, 1]
/// (value / 255), so every feature is finite. Errors are <see cref="InvalidDataException"/>s naming
/// the file and the byte offset.
/// </summary>
public static class MnistIdxLoader
{
    /// <summary>The number of classes (the digits 0–9).</summary>
    public const int ClassCount = 10;

    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    /// <summary>Reads an images file and its labels file.</summary>
    /// <typeparam name="T">The element type of the features.</typeparam>
    /// <param name="imagesPath">The IDX3 images file (for example <c>train-images-idx3-ubyte</c> or <c>.gz</c>).</param>
    /// <param name="labelsPath">The IDX1 labels file.</param>
    /// <returns>N rows of rows×columns features in [0, 1], class names "0" to "9", feature names "r,c" (0-based pixel positions).</returns>
    /// <exception cref="InvalidDataException">A wrong magic number, an unsupported element type, a truncated file, counts that differ, or a label above 9.</exception>
    public static LoadedDataset<T> Load<T>(string imagesPath, string labelsPath)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);
        byte[] images = ReadAll(imagesPath);
        byte[] labelBytes = ReadAll(labelsPath);

        int[] imageDims = ReadHeader(images, imagesPath, ImagesMagic, 3);
        int[] labelDims = ReadHeader(labelBytes, labelsPath, LabelsMagic, 1);
        int count = imageDims[0], height = imageDims[1], width = imageDims[2];
        if (labelDims[0] != count)
        {
            throw new InvalidDataException($"{labelsPath}: {labelDims[0]} labels, but {imagesPath} has {count} images.");
        }

        if (count == 0 || height == 0 || width == 0)
        {
            throw new InvalidDataException($"{imagesPath}: empty image set ({count} images of {height}×{width}).");
        }

        long pixels = (long)count * height * width;
        if (pixels > Array.MaxLength)
        {
            throw new InvalidDataException($"{imagesPath}: {count} images of {height}×{width} need {pixels} values, more than an array holds.");
        }

        int imageOffset = 4 + 4 * 3, labelOffset = 4 + 4;
        RequireLength(images, imageOffset + pixels, imagesPath);
        RequireLength(labelBytes, labelOffset + (long)count, labelsPath);

        var features = new T[pixels];
        T scale = T.CreateChecked(255);
        for (long i = 0; i < pixels; i++)
        {
            features[i] = T.CreateChecked(images[imageOffset + i]) / scale;
        }

        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = labelBytes[labelOffset + i];
            if (labels[i] >= ClassCount)
            {
                throw new InvalidDataException($"{labelsPath}: byte offset {labelOffset + i}: label {labels[i]} of image {i} is not a digit 0–9.");
            }
        }

        string[] classNames = Enumerable.Range(0, ClassCount).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        string[] featureNames = Enumerable.Range(0, height * width)
            .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p / width},{p % width}"))
            .ToArray();
        return new LoadedDataset<T>(new LinearDataset<T>(features, labels, height * width, ClassCount), classNames, featureNames);
    }

    private static byte[] ReadAll(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var output = new MemoryStream();
                gzip.CopyTo(output);
                return output.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"{path}: starts like gzip but does not decompress: {e.Message}", e);
            }
        }

        return bytes;
    }

    /// <summary>The dimensions after checking the magic number (two zero bytes, type 0x08 = unsigned byte, the dimension count).</summary>
    private static int[] ReadHeader(byte[] bytes, string path, int expectedMagic, int dimensions)
    {
        RequireLength(bytes, 4, path);
        int magic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (magic != expectedMagic)
        {
            string what = expectedMagic == ImagesMagic ? "an IDX3 unsigned-byte images file" : "an IDX1 unsigned-byte labels file";
            throw new InvalidDataException(
                $"{path}: byte offset 0: magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} for {what} (element type byte 0x{bytes[2]:X2}, {bytes[3]} dimensions).");
        }

        RequireLength(bytes, 4 + 4L * dimensions, path);
        var dims = new int[dimensions];
        for (int i = 0; i < dimensions; i++)
        {
            dims[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dims[i] < 0)
            {
                throw new InvalidDataException($"{path}: byte offset {4 + 4 * i}: dimension {i} is negative ({dims[i]}).");
            }
        }

        return dims;
    }

    private static void RequireLength(byte[] bytes, long needed, string path)
    {
        if (bytes.Length < needed)
        {
            throw new InvalidDataException($"{path}: truncated: {bytes.Length} bytes, the header says {needed}.");
        }
    }
}
