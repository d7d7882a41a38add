using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using LossGen.Data;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Data;

public sealed class MnistIdxLoaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        }

        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return output.ToArray();
    }

    private static readonly byte[] Pixels = { 0, 255, 51, 102, 10, 20, 30, 40 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_2x2_images_load_scaled_to_unit_interval_raw_or_gzipped(bool gzip)
    {
        byte[] images = Idx(0x803, new[] { 2, 2, 2 }, Pixels), labels = Idx(0x801, new[] { 2 }, new byte[] { 7, 3 });
        string ip = _files.Write("img", gzip ? Gzip(images) : images), lp = _files.Write("lab", gzip ? Gzip(labels) : labels);
        var loaded = MnistIdxLoader.Load<double>(ip, lp);
        loaded.Data.FeatureCount.ShouldBe(4);
        loaded.Data.Features.ShouldBe(new[] { 0, 1, 0.2, 0.4, 10 / 255.0, 20 / 255.0, 30 / 255.0, 40 / 255.0 });
        loaded.Data.Labels.ShouldBe(new[] { 7, 3 });
        loaded.Data.ClassCount.ShouldBe(10);
        loaded.FeatureNames.ShouldBe(new[] { "0,0", "0,1", "1,0", "1,1" });
    }

    [Fact]
    public void Header_errors_name_the_file_and_what_is_wrong()
    {
        string labels = _files.Write("lab", Idx(0x801, new[] { 2 }, new byte[] { 7, 3 }));
        string Images(string name, byte[] b) => _files.Write(name, b);

        Should.Throw<InvalidDataException>(() => MnistIdxLoader.Load<float>(labels, labels)).Message
            .ShouldBe($"{labels}: byte offset 0: magic number 0x00000801, expected 0x00000803 for an IDX3 unsigned-byte images file (element type byte 0x08, 1 dimensions).");
        string floats = Images("f", Idx(0x00000D03, new[] { 2, 2, 2 }, new byte[32]));
        Should.Throw<InvalidDataException>(() => MnistIdxLoader.Load<float>(floats, labels)).Message.ShouldContain("element type byte 0x0D");
        string threeImages = Images("three", Idx(0x803, new[] { 3, 2, 2 }, new byte[12]));
        Should.Throw<InvalidDataException>(() => MnistIdxLoader.Load<float>(threeImages, labels)).Message.ShouldBe($"{labels}: 2 labels, but {threeImages} has 3 images.");
        string truncated = Images("trunc", Idx(0x803, new[] { 2, 2, 2 }, new byte[7]));
        Should.Throw<InvalidDataException>(() => MnistIdxLoader.Load<float>(truncated, labels)).Message.ShouldBe($"{truncated}: truncated: 23 bytes, the header says 24.");
        string shortHeader = Images("short", new byte[] { 0, 0, 8, 3, 0 });
        Should.Throw<InvalidDataException>(() => MnistIdxLoader.Load<float>(shortHeader, labels)).Message.ShouldContain("truncated");
        string good = Images("good", Idx(0x803, new[] { 2, 2, 2 }, Pixels));
        string badLabel = _files.Write("badlab", Idx(0x801, new[] { 2 }, new byte[] { 7, 10 }));
        Should.Throw<InvalidDataException>(() => MnistIdxLoader.Load<float>(good, badLabel)).Message.ShouldBe($"{badLabel}: byte offset 9: label 10 of image 1 is not a digit 0–9.");
        string notGzip = Images("notgz", new byte[] { 0x1F, 0x8B, 1, 2, 3 });
        Should.Throw<InvalidDataException>(() => MnistIdxLoader.Load<float>(notGzip, labels)).Message.ShouldStartWith($"{notGzip}: starts like gzip");
    }
}
