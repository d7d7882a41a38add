using System;
using System.Linq;
using LossGen.Data;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Data;

public sealed class SplitAndStandardizeTests
{
    /// <summary>300 rows: class 0 has 200, class 1 has 70, class 2 has 30; row i has features (i, i mod 7).</summary>
    private static LinearDataset<double> Unbalanced()
    {
        int n = 300;
        var features = new double[n * 2];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            features[2 * i] = i;
            features[2 * i + 1] = i % 7;
            labels[i] = i < 200 ? 0 : i < 270 ? 1 : 2;
        }

        return new LinearDataset<double>(features, labels, 2, 3);
    }

    [Fact]
    public void Unstratified_split_is_a_seeded_partition_of_the_rows_with_the_asked_sizes()
    {
        var data = Unbalanced();
        var split = DatasetSplitter.Split(data, 0.6, 0.2, 0.2, seed: 3);
        (split.Train.Count, split.Validation.Count, split.Test.Count).ShouldBe((180, 60, 60));
        var ids = split.Train.Features.Where((_, j) => j % 2 == 0)
            .Concat(split.Validation.Features.Where((_, j) => j % 2 == 0))
            .Concat(split.Test.Features.Where((_, j) => j % 2 == 0)).OrderBy(x => x);
        ids.ShouldBe(Enumerable.Range(0, 300).Select(i => (double)i));
        DatasetSplitter.Split(data, 0.6, 0.2, 0.2, seed: 3).Test.Features.ShouldBe(split.Test.Features);
        DatasetSplitter.Split(data, 0.6, 0.2, 0.2, seed: 4).Test.Features.ShouldNotBe(split.Test.Features);
    }

    [Fact]
    public void Stratified_split_keeps_the_class_proportions_in_every_part()
    {
        var split = DatasetSplitter.Split(Unbalanced(), 0.7, 0.2, 0.1, seed: 11, stratified: true);
        int[] Counts(LinearDataset<double> d) => Enumerable.Range(0, 3).Select(c => d.Labels.Count(l => l == c)).ToArray();
        Counts(split.Validation).ShouldBe(new[] { 40, 14, 6 });
        Counts(split.Test).ShouldBe(new[] { 20, 7, 3 });
        Counts(split.Train).ShouldBe(new[] { 140, 49, 21 });
        // Each row keeps its own label.
        for (int i = 0; i < split.Test.Count; i++)
        {
            double id = split.Test.Features[2 * i];
            split.Test.Labels[i].ShouldBe(id < 200 ? 0 : id < 270 ? 1 : 2);
        }
    }

    [Fact]
    public void Bad_fractions_are_refused_by_name()
    {
        var data = Unbalanced();
        Should.Throw<ArgumentException>(() => DatasetSplitter.Split(data, 0.6, 0.3, 0.3, 1)).Message.ShouldContain("sum to");
        Should.Throw<ArgumentException>(() => DatasetSplitter.Split(data, 1.0, 0.0, 0.0, 1)).ParamName.ShouldBe("trainFraction");
        var tiny = new LinearDataset<double>(new double[] { 1, 2, 3 }, new[] { 0, 1, 0 }, 1, 2);
        Should.Throw<ArgumentException>(() => DatasetSplitter.Split(tiny, 0.8, 0.1, 0.1, 1)).Message.ShouldContain("empty");
    }

    [Fact]
    public void Standardizer_statistics_come_from_the_training_rows_only_and_match_population_mean_and_std()
    {
        var split = DatasetSplitter.Split(Unbalanced(), 0.6, 0.2, 0.2, seed: 5);
        var standardizer = Standardizer.Fit(split.Train);
        // Independent: numpy's x.mean(axis=0) and x.std(axis=0) (ddof=0) in decimal arithmetic.
        for (int k = 0; k < 2; k++)
        {
            decimal[] column = Enumerable.Range(0, split.Train.Count).Select(i => (decimal)split.Train.Features[2 * i + k]).ToArray();
            decimal mean = column.Sum() / column.Length;
            double std = Math.Sqrt((double)(column.Sum(x => (x - mean) * (x - mean)) / column.Length));
            standardizer.Mean[k].ShouldBe((double)mean, 1e-12);
            standardizer.Scale[k].ShouldBe(std, 1e-12);
        }

        // Not the statistics of all rows (mean of 0..299 is 149.5).
        Math.Abs(standardizer.Mean[0] - 149.5).ShouldBeGreaterThan(1e-6);
        var z = standardizer.Transform(split.Train);
        Enumerable.Range(0, z.Count).Average(i => z.Features[2 * i]).ShouldBe(0, 1e-12);
        Math.Sqrt(Enumerable.Range(0, z.Count).Average(i => z.Features[2 * i] * z.Features[2 * i])).ShouldBe(1, 1e-12);
        standardizer.Transform(split.Test).Labels.ShouldBe(split.Test.Labels);
    }

    [Fact]
    public void A_constant_column_gets_scale_one_and_becomes_zero()
    {
        var data = new LinearDataset<float>(new float[] { 5, 1, 5, 2, 5, 3 }, new[] { 0, 1, 0 }, 2, 2);
        var s = Standardizer.Fit(data);
        s.Mean.ShouldBe(new[] { 5.0, 2.0 });
        s.Scale[0].ShouldBe(1.0);
        s.Scale[1].ShouldBe(Math.Sqrt(2.0 / 3), 1e-15);
        s.Transform(data).Features.Where((_, j) => j % 2 == 0).ShouldAllBe(v => v == 0f);
        Should.Throw<ArgumentException>(() => s.Transform(new LinearDataset<float>(new float[] { 1, 2, 3 }, new[] { 0, 1, 0 }, 1, 2))).ParamName.ShouldBe("data");
        Should.Throw<ArgumentException>(() => new Standardizer(new[] { 0.0 }, new[] { 0.0 })).ParamName.ShouldBe("scale");
    }
}
