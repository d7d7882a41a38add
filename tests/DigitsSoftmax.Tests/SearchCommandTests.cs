using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using DigitsSoftmax.Commands;
using DigitsSoftmax.Output;
using DigitsSoftmax.Plots;
using Xunit;

namespace DigitsSoftmax.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SearchCommandTests
{
    private const int Classes = 3;
    private const int RowsPerClass = 40;

    [Fact]
    public void Search_on_a_small_data_set_ranks_the_grid_and_tests_the_best_as_well_as_a_nearest_centroid_baseline()
    {
        using var folder = new TempFolder();
        (string csv, double[][] points, int[] labels) = Blobs(folder.File("blobs.csv"));
        var (code, output, error) = ToolRun.Invoke(
            "search", "--data", csv, "--points", "3", "--folds", "3", "--epochs", "10", "--batch-size", "8", "--out", folder.Path);
        Assert.True(code == 0, error);

        string[] rows = File.ReadAllLines(folder.File(SearchCommand.ResultsFile));
        Assert.Equal(SearchCsv.Header, rows[0]);
        Assert.Equal(9, rows.Length - 1);
        double[] scores = rows.Skip(1).Select(r => double.Parse(r.Split(',')[3], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(scores.OrderByDescending(s => s), scores);

        // Independent of the tool: nearest class mean, fitted and scored on every row. The blobs are
        // far apart, so it is near 100%; the tuned linear model must do as well on its test split.
        double baseline = NearestCentroidAccuracy(points, labels);
        Match test = Regex.Match(output, @"test accuracy (\d+\.\d+)%");
        Assert.True(test.Success, output);
        double testAccuracy = double.Parse(test.Groups[1].Value, CultureInfo.InvariantCulture) / 100;
        Assert.True(testAccuracy >= baseline - 0.05, $"test accuracy {testAccuracy} vs nearest-centroid {baseline}");

        var heatmap = new SvgFile(folder.File(SearchHeatmap.File));
        Assert.True(heatmap.IsSvg);
        Assert.Contains("lambda", heatmap.Texts);
        Assert.Contains("1e-05", heatmap.Texts.Select(t => t.ToLowerInvariant()));
    }

    private static (string Path, double[][] Points, int[] Labels) Blobs(string path)
    {
        var random = new Random(7);
        var points = new double[Classes * RowsPerClass][];
        var labels = new int[points.Length];
        var text = new StringBuilder("x1,x2,class\n");
        for (int i = 0; i < points.Length; i++)
        {
            int c = i % Classes;
            // Centres 10 apart on a circle, unit noise: the classes barely touch.
            double angle = 2 * Math.PI * c / Classes;
            points[i] = [10 * Math.Cos(angle) + Gaussian(random), 10 * Math.Sin(angle) + Gaussian(random)];
            labels[i] = c;
            text.Append(CultureInfo.InvariantCulture, $"{points[i][0]:R},{points[i][1]:R},c{c}\n");
        }

        File.WriteAllText(path, text.ToString());
        return (path, points, labels);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double NearestCentroidAccuracy(double[][] points, int[] labels)
    {
        var centres = Enumerable.Range(0, Classes)
            .Select(c => new[] { 0, 1 }.Select(k => points.Where((_, i) => labels[i] == c).Average(p => p[k])).ToArray())
            .ToArray();
        int correct = points.Where((p, i) =>
            Enumerable.Range(0, Classes).MinBy(c => Math.Pow(p[0] - centres[c][0], 2) + Math.Pow(p[1] - centres[c][1], 2)) == labels[i]).Count();
        return (double)correct / points.Length;
    }
}
