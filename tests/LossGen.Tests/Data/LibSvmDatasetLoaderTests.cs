using System;
using LossGen.Data;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Data;

public sealed class LibSvmDatasetLoaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Sparse_rows_are_densified_with_one_based_indices_and_comments_skipped()
    {
        string path = _files.Write("a.svm", "# a header comment\n+1 1:0.5 3:-2 # trailing\n\n-1 qid:7 2:1e-1\n+1 3:4\n");
        var loaded = LibSvmDatasetLoader.Load<double>(path);
        loaded.Data.FeatureCount.ShouldBe(3);
        loaded.Data.Features.ShouldBe(new[] { 0.5, 0, -2, 0, 0.1, 0, 0, 0, 4 });
        loaded.ClassNames.ShouldBe(new[] { "-1", "+1" });
        loaded.Data.Labels.ShouldBe(new[] { 1, 0, 1 });
        loaded.FeatureNames.ShouldBe(new[] { "1", "2", "3" });
    }

    [Fact]
    public void A_given_feature_count_pads_columns()
    {
        string path = _files.Write("b.svm", "0 1:1\n1 2:2\n");
        var loaded = LibSvmDatasetLoader.Load<float>(path, new LibSvmLoadOptions { FeatureCount = 4 });
        loaded.Data.Features.ShouldBe(new float[] { 1, 0, 0, 0, 0, 2, 0, 0 });
    }

    [Theory]
    [InlineData("1 1:1\n0 2:nan\n", 2, 5, "not finite")]
    [InlineData("1 1:1\n0 2:inf\n", 2, 5, "'inf' is not a number")]
    [InlineData("1 1:1\n0 2:Infinity\n", 2, 5, "not finite")]
    [InlineData("1 1:1\n0  2:x\n", 2, 6, "'x' is not a number")]
    [InlineData("1 1:1\n0 3:1 2:1\n", 2, 7, "strictly increasing")]
    [InlineData("1 1:1\n0 2:1 2:1\n", 2, 7, "strictly increasing")]
    [InlineData("1 0:1\n", 1, 3, "1-based")]
    [InlineData("1 a:1\n", 1, 3, "positive integer")]
    [InlineData("1 7\n", 1, 3, "index:value")]
    [InlineData("1 7:\n", 1, 3, "index:value")]
    [InlineData("1 1:1\n1 2:1\n", 1, 1, "at least 2")]
    [InlineData("# only a comment\n", 1, 1, "no examples")]
    public void Errors_name_file_line_and_column(string text, int line, int column, string what)
    {
        string path = _files.Write("bad.svm", text);
        var e = Should.Throw<DataFormatException>(() => LibSvmDatasetLoader.Load<double>(path));
        e.FilePath.ShouldBe(path);
        (e.Line, e.Column).ShouldBe((line, column));
        e.Message.ShouldStartWith($"{path}:{line}:{column}: ");
        e.Message.ShouldContain(what);
    }

    [Fact]
    public void An_index_above_the_given_feature_count_is_refused()
    {
        string path = _files.Write("c.svm", "1 1:1\n0 5:1\n");
        var e = Should.Throw<DataFormatException>(() => LibSvmDatasetLoader.Load<double>(path, new LibSvmLoadOptions { FeatureCount = 4 }));
        (e.Line, e.Column).ShouldBe((2L, 3));
        e.Message.ShouldContain("above FeatureCount 4");
    }

    [Fact]
    public void A_matrix_above_the_size_limit_is_refused_before_allocating()
    {
        string path = _files.Write("d.svm", "1 1:1\n0 1000:1\n");
        var e = Should.Throw<DataFormatException>(() => LibSvmDatasetLoader.Load<double>(path, new LibSvmLoadOptions { MaxDenseValues = 1999 }));
        e.Message.ShouldContain("2 rows × 1000 features = 2000 dense values, above the limit of 1999");
        LibSvmDatasetLoader.Load<double>(path, new LibSvmLoadOptions { MaxDenseValues = 2000 }).Data.Features.Length.ShouldBe(2000);
        LibSvmLoadOptions.DefaultMaxDenseValues.ShouldBe(1L << 28);
    }
}
