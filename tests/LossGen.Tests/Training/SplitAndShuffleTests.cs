using System;
using System.Linq;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Training;

/// <summary>The seeded generator and the train/validation split the trainer's determinism rests on.</summary>
public sealed class SplitAndShuffleTests
{
    [Fact]
    public void Shuffle_is_a_permutation_fixed_by_the_seed_and_the_generator_position_resumes_it()
    {
        int[] a = Enumerable.Range(0, 100).ToArray();
        int[] b = (int[])a.Clone(), c = (int[])a.Clone();
        var first = new TrainingRandom(5);
        first.Shuffle(a);
        new TrainingRandom(5).Shuffle(b);
        a.ShouldBe(b);
        a.ShouldNotBe(Enumerable.Range(0, 100).ToArray());
        a.OrderBy(x => x).ShouldBe(Enumerable.Range(0, 100));

        // A generator rebuilt from the saved position draws what the original draws next…
        var resumed = new TrainingRandom(first.State);
        int[] d = (int[])c.Clone();
        first.Shuffle(c);
        resumed.Shuffle(d);
        d.ShouldBe(c);
        // …which is a different order from the first epoch's.
        c.ShouldNotBe(a);
    }

    [Fact]
    public void NextInt_stays_in_bounds_and_is_roughly_uniform()
    {
        var rng = new TrainingRandom(1);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++)
        {
            counts[rng.NextInt(7)]++;
        }

        // Expected 10 000 each, standard deviation ≈ 93: 600 is more than six of them.
        counts.ShouldAllBe(n => Math.Abs(n - 10_000) < 600);
        Should.Throw<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void Split_is_disjoint_complete_and_seeded()
    {
        // Each row's single feature is its index, so the parts show which rows they hold.
        var data = new LinearDataset<double>(Enumerable.Range(0, 50).Select(i => (double)i).ToArray(),
            Enumerable.Range(0, 50).Select(i => i % 2).ToArray(), 1, 2);

        var (train, validation) = data.Split(0.2, seed: 3);
        var (train2, _) = data.Split(0.2, seed: 3);
        var (train3, _) = data.Split(0.2, seed: 4);

        validation.Count.ShouldBe(10);
        train.Count.ShouldBe(40);
        train.Features.Concat(validation.Features).OrderBy(x => x).ShouldBe(data.Features);
        for (int i = 0; i < train.Count; i++)
        {
            train.Labels[i].ShouldBe((int)train.Features[i] % 2);
        }

        train2.Features.ShouldBe(train.Features);
        train3.Features.ShouldNotBe(train.Features);
        Should.Throw<ArgumentException>(() => data.Split(1.0, 1)).ParamName.ShouldBe("validationFraction");
        Should.Throw<ArgumentException>(() => data.Split(0.001, 1)).ParamName.ShouldBe("validationFraction");
    }
}
