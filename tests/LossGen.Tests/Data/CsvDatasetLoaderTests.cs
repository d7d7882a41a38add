using System;
using System.IO;
using LossGen.Data;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Data;

public sealed class CsvDatasetLoaderTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_text_reader_loads_what_the_same_file_loads_and_errors_name_the_source()
    {
        const string Text = "a,label\n1.5,x\n-2,y\n0.25,x\n";
        var fromFile = CsvDatasetLoader.Load<float>(_files.Write("same.csv", Text));
        var fromReader = CsvDatasetLoader.Load<float>(new StringReader(Text), "in-memory");
        fromReader.Data.Features.ShouldBe(fromFile.Data.Features);
        fromReader.Data.Labels.ShouldBe(fromFile.Data.Labels);
        fromReader.ClassNames.ShouldBe(fromFile.ClassNames);
        fromReader.FeatureNames.ShouldBe(fromFile.FeatureNames);

        var error = Should.Throw<DataFormatException>(() => CsvDatasetLoader.Load<float>(new StringReader("a,label\n1,x\nbad,y\n"), "embedded.csv"));
        error.FilePath.ShouldBe("embedded.csv");
        error.Line.ShouldBe(3);
        error.Column.ShouldBe(1);
    }

    [Fact]
    public void Header_and_label_by_name_read_features_in_column_order_and_classes_sorted()
    {
        string path = _files.Write("iris.csv", "a,species,b\n1.5,setosa,-2\n\"3e-1\",virginica,4.25\n0,setosa,1\n");
        var loaded = CsvDatasetLoader.Load<double>(path, new CsvLoadOptions { LabelColumnName = "species" });
        loaded.Data.FeatureCount.ShouldBe(2);
        loaded.Data.Features.ShouldBe(new[] { 1.5, -2, 0.3, 4.25, 0, 1 });
        loaded.Data.Labels.ShouldBe(new[] { 0, 1, 0 });
        loaded.ClassNames.ShouldBe(new[] { "setosa", "virginica" });
        loaded.FeatureNames.ShouldBe(new[] { "a", "b" });
    }

    [Fact]
    public void No_header_label_by_index_numeric_labels_sort_numerically_and_the_decimal_point_is_invariant()
    {
        string path = _files.Write("n.csv", "10;0.5\n2;1.25\n10;-3\n");
        var loaded = CsvDatasetLoader.Load<float>(path, new CsvLoadOptions { HasHeader = false, Separator = ';', LabelColumnIndex = 0 });
        loaded.ClassNames.ShouldBe(new[] { "2", "10" });
        loaded.Data.Labels.ShouldBe(new[] { 1, 0, 1 });
        loaded.Data.Features.ShouldBe(new[] { 0.5f, 1.25f, -3f });
    }

    [Fact]
    public void Default_label_is_the_last_column_and_given_class_names_fix_the_mapping()
    {
        string path = _files.Write("d.csv", "x,y\n1,b\n2,b\n");
        var loaded = CsvDatasetLoader.Load<double>(path, new CsvLoadOptions { ClassNames = new[] { "a", "b", "c" } });
        loaded.Data.Labels.ShouldBe(new[] { 1, 1 });
        loaded.Data.ClassCount.ShouldBe(3);
    }

    [Theory]
    [InlineData("x,y,label\n1,2,a\n3,oops,b\n", 3, 2, "'oops' is not a number")]
    [InlineData("x,y,label\n1,2,a\n3,4,b\n5,NaN,a\n", 4, 2, "not finite")]
    [InlineData("x,y,label\n1,2,a\n-Infinity,4,b\n", 3, 1, "not finite")]
    [InlineData("x,y,label\n1,2,a\n1e39,4,b\n", 3, 1, "not finite as Single")]
    [InlineData("x,y,label\n1,2,a\n3,4\n", 3, 3, "2 fields")]
    [InlineData("x,y,label\n1,2,a\n3,4,b,9\n", 3, 4, "4 fields")]
    [InlineData("x,y,label\n1,,a\n", 2, 2, "Empty feature")]
    [InlineData("x,y,label\n1,2,a\n1,2,a\n", 2, 3, "at least 2")]
    [InlineData("x,y,label\n", 2, 1, "no data rows")]
    public void Errors_name_file_line_and_column(string text, int line, int column, string what)
    {
        string path = _files.Write("bad.csv", text);
        var e = Should.Throw<DataFormatException>(() => CsvDatasetLoader.Load<float>(path));
        e.FilePath.ShouldBe(path);
        e.Line.ShouldBe(line);
        e.Column.ShouldBe(column);
        e.Message.ShouldStartWith($"{path}:{line}:{column}: ");
        e.Message.ShouldContain(what);
    }

    [Fact]
    public void A_comma_decimal_is_refused_at_its_line_and_column()
    {
        string path = _files.Write("n.csv", "10;0,5\n");
        var e = Should.Throw<DataFormatException>(() =>
            CsvDatasetLoader.Load<float>(path, new CsvLoadOptions { HasHeader = false, Separator = ';', LabelColumnIndex = 0 }));
        (e.Line, e.Column).ShouldBe((1L, 2));
    }

    [Fact]
    public void A_label_outside_the_given_class_names_is_refused_at_its_field()
    {
        string path = _files.Write("c.csv", "x,y\n1,a\n2,z\n");
        var e = Should.Throw<DataFormatException>(() => CsvDatasetLoader.Load<double>(path, new CsvLoadOptions { ClassNames = new[] { "a", "b" } }));
        (e.Line, e.Column).ShouldBe((3L, 2));
        e.Message.ShouldContain("'z'");
    }

    [Fact]
    public void Bad_label_column_options_are_argument_errors()
    {
        string path = _files.Write("o.csv", "x,y\n1,a\n2,b\n");
        Should.Throw<ArgumentException>(() => CsvDatasetLoader.Load<double>(path, new CsvLoadOptions { LabelColumnName = "nope" })).Message.ShouldContain("'nope'");
        Should.Throw<ArgumentException>(() => CsvDatasetLoader.Load<double>(path, new CsvLoadOptions { LabelColumnIndex = 2 })).Message.ShouldContain("LabelColumnIndex 2");
        Should.Throw<ArgumentException>(() => CsvDatasetLoader.Load<double>(path, new CsvLoadOptions { LabelColumnIndex = 0, LabelColumnName = "y" }));
        Should.Throw<ArgumentException>(() => CsvDatasetLoader.Load<double>(path, new CsvLoadOptions { HasHeader = false, LabelColumnName = "y" }));
        Should.Throw<FileNotFoundException>(() => CsvDatasetLoader.Load<double>(Path.Combine(_files.Root, "missing.csv")));
    }
}
