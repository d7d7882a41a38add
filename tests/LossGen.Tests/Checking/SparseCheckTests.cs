using System.Linq;
using LossGen.Checking;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Checking;

/// <summary>The sparse check samples exactly k distinct coordinates, the same ones for the same seed.</summary>
public class SparseCheckTests
{
    [Theory]
    [InlineData(1000, 37, 1UL)]
    [InlineData(50, 49, 7UL)]
    [InlineData(10, 1, 123UL)]
    public void Samples_are_k_distinct_in_range_ascending_indices(int n, int k, ulong seed)
    {
        int[] sample = CoordinateSampler.Sample(n, k, seed);

        sample.Length.ShouldBe(k);
        sample.Distinct().Count().ShouldBe(k);
        sample.ShouldAllBe(i => i >= 0 && i < n);
        sample.ShouldBe(sample.OrderBy(i => i).ToArray());
    }

    [Fact]
    public void The_same_seed_gives_the_same_sample_and_another_seed_another()
    {
        CoordinateSampler.Sample(1000, 20, 42).ShouldBe(CoordinateSampler.Sample(1000, 20, 42));
        CoordinateSampler.Sample(1000, 20, 42).ShouldNotBe(CoordinateSampler.Sample(1000, 20, 43));
    }

    [Fact]
    public void A_count_of_at_least_n_checks_everything()
    {
        CoordinateSampler.Sample(5, 5, 9).ShouldBe(new[] { 0, 1, 2, 3, 4 });
        CoordinateSampler.Sample(5, 8, 9).ShouldBe(new[] { 0, 1, 2, 3, 4 });
    }

    [Fact]
    public void Every_coordinate_is_equally_likely()
    {
        // 3 of 10 over 20 000 seeds: each index expects 6 000 picks with a standard deviation of
        // about 65; a bias toward the end of the range (a classic Floyd's-method slip) would show
        // as thousands.
        var counts = new int[10];
        for (ulong seed = 0; seed < 20_000; seed++)
        {
            foreach (int i in CoordinateSampler.Sample(10, 3, seed))
                counts[i]++;
        }

        counts.ShouldAllBe(c => c > 5_600 && c < 6_400);
    }

    [Fact]
    public void A_sparse_check_evaluates_exactly_the_sampled_coordinates()
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();

        var report = GradCheck.CheckSparse(loss, x, 7, loss.Layout, new GradCheckOptions { Seed = 2026 });
        var again = GradCheck.CheckSparse(loss, x, 7, loss.Layout, new GradCheckOptions { Seed = 2026 });

        report.Passed.ShouldBeTrue(report.ToString());
        report.IsSparse.ShouldBeTrue();
        report.CheckedCount.ShouldBe(7);
        report.Coordinates.Select(c => c.Coordinate.FlatIndex)
            .ShouldBe(CoordinateSampler.Sample(loss.Length, 7, 2026));
        again.Coordinates.Select(c => c.Coordinate.FlatIndex)
            .ShouldBe(report.Coordinates.Select(c => c.Coordinate.FlatIndex));
        report.ToString().ShouldContain("sparse: 7 of 40 coordinates, seed 2026");
    }

    [Fact]
    public void A_sparse_check_catches_a_fault_it_samples_and_misses_one_it_does_not()
    {
        var (loss, x) = SmoothGradientTests.LinearClassifier();
        int[] sample = CoordinateSampler.Sample(loss.Length, 5, 77);
        int sampled = sample[2];
        int unsampled = Enumerable.Range(0, loss.Length).First(i => !sample.Contains(i));
        var options = new GradCheckOptions { Seed = 77, SparseCount = 5 };

        GradCheck.Check(new PlantedFault<double, LinearSoftmax>(loss, Fault.SignFlip, sampled), x, loss.Layout, options)
            .Failures.ShouldHaveSingleItem().Coordinate.FlatIndex.ShouldBe(sampled);
        GradCheck.Check(new PlantedFault<double, LinearSoftmax>(loss, Fault.SignFlip, unsampled), x, loss.Layout, options)
            .Passed.ShouldBeTrue();
    }
}
