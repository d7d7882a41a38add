using System;
using System.IO;
using System.Linq;
using LossGen.Data;
using LossGen.Models;
using LossGen.Optimization;
using LossGen.Tests.Data;
using LossGen.Builtins;
using LossGen.Training;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Models;

public sealed class LinearModelTests
{
    // D = 2, C = 3. For x = (1, 2): s = x W + b = (1·1 + 2·0.5, 1·0 + 2·1, 1·(−1) + 2·0) + (0, 0.5, 1) = (2, 2.5, 0).
    private static readonly float[] W = [1f, 0f, -1f, 0.5f, 1f, 0f];
    private static readonly float[] B = [0f, 0.5f, 1f];

    [Fact]
    public void Scores_and_prediction_of_a_worked_example()
    {
        var model = new LinearModel<float>(W, B, featureCount: 2, ["cat", "dog", "eel"]);
        var scores = new float[3];
        model.Scores([1f, 2f], scores);
        scores.ShouldBe([2f, 2.5f, 0f]);
        model.Predict([1f, 2f]).ShouldBe(1);
        model.ClassNames[model.Predict([1f, 2f])].ShouldBe("dog");
        // x = (0, 0): s = b = (0, 0.5, 1) → class 2; x = (1, 0): s = (1, 0.5, 0) → class 0.
        model.Predict([0f, 0f]).ShouldBe(2);
        model.Predict([1f, 0f]).ShouldBe(0);
    }

    [Fact]
    public void Ties_go_to_the_first_class()
    {
        var model = new LinearModel<double>(new double[6], [1.0, 1.0, 0.0], featureCount: 2);
        model.Predict([3.0, -4.0]).ShouldBe(0);
        model.ClassNames.ShouldBe(["0", "1", "2"]);
    }

    [Fact]
    public void Probabilities_are_the_softmax_of_the_scores()
    {
        var model = new LinearModel<float>(W, B, featureCount: 2);
        var p = new float[3];
        model.PredictProbabilities([1f, 2f], p);
        // The textbook form, without shifting by the maximum: exp(s_j) / Σ exp(s_c) for s = (2, 2.5, 0).
        double z = Math.Exp(2) + Math.Exp(2.5) + Math.Exp(0);
        double[] expected = [Math.Exp(2) / z, Math.Exp(2.5) / z, 1 / z];
        for (int j = 0; j < 3; j++)
        {
            ((double)p[j]).ShouldBe(expected[j], 1e-7);
        }
    }

    [Fact]
    public void Probabilities_stay_finite_when_the_scores_would_overflow_exp()
    {
        // s = (1e4, 1e4 − 1, −1e4): exp(1e4) overflows, the shifted form does not; p = (e/(e+1), 1/(e+1), 0).
        var model = new LinearModel<double>(new double[3], [1e4, 1e4 - 1, -1e4], featureCount: 1);
        var p = new double[3];
        model.PredictProbabilities([0.0], p);
        p[0].ShouldBe(Math.E / (Math.E + 1), 1e-15);
        p[1].ShouldBe(1 / (Math.E + 1), 1e-15);
        p[2].ShouldBe(0.0);
    }

    [Fact]
    public void The_standardizer_is_applied_to_raw_rows_exactly_as_the_training_rows_were_transformed()
    {
        LinearDataset<float> data = Synthetic(rows: 200, features: 5, classes: 4, seed: 11);
        Standardizer standardizer = Standardizer.Fit(data);
        LinearDataset<float> standardized = standardizer.Transform(data);
        float[] parameters = TrainedParameters(standardized, epochs: 5);
        var model = LinearModel<float>.FromParameters(parameters, 5, 4, standardizer: standardizer);

        int[] predictions = model.Predict(data);
        for (int i = 0; i < data.Count; i++)
        {
            predictions[i].ShouldBe(LinearClassifier.Predict<float>(parameters, standardized.Row(i), 4), $"row {i}");
        }

        model.Score(data).ShouldBe(LinearClassifier.Accuracy<float>(parameters, standardized));
        model.Score(data).ShouldBeGreaterThan(0.9); // the synthetic classes are separable
    }

    [Fact]
    public void From_parameters_reads_the_trainers_layout()
    {
        float[] parameters = [.. W, .. B];
        var model = LinearModel<float>.FromParameters(parameters, featureCount: 2, classCount: 3);
        model.Weights.ToArray().ShouldBe(W);
        model.Bias.ToArray().ShouldBe(B);
        Should.Throw<ArgumentException>(() => LinearModel<float>.FromParameters(parameters.AsSpan(1), 2, 3))
            .ParamName.ShouldBe("parameters");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Save_and_load_round_trip_every_bit(bool withStandardizer)
    {
        LinearDataset<double> data = Synthetic(rows: 120, features: 7, classes: 3, seed: 5).Cast();
        Standardizer? standardizer = withStandardizer ? Standardizer.Fit(data) : null;
        double[] parameters = TrainedParameters(standardizer?.Transform(data) ?? data, epochs: 3);
        var model = LinearModel<double>.FromParameters(parameters, 7, 3, ["low", "mid", "high é"], standardizer);

        using var files = new TempFiles();
        string path = Path.Combine(files.Root, "model.lglm");
        model.Save(path);
        var loaded = LinearModel<double>.Load(path);

        loaded.FeatureCount.ShouldBe(7);
        loaded.ClassCount.ShouldBe(3);
        loaded.ClassNames.ShouldBe(["low", "mid", "high é"]);
        Bits(loaded.Weights.ToArray()).ShouldBe(Bits(model.Weights.ToArray()));
        Bits(loaded.Bias.ToArray()).ShouldBe(Bits(model.Bias.ToArray()));
        if (withStandardizer)
        {
            Bits(loaded.Standardizer!.Mean).ShouldBe(Bits(standardizer!.Mean));
            Bits(loaded.Standardizer.Scale).ShouldBe(Bits(standardizer.Scale));
        }
        else
        {
            loaded.Standardizer.ShouldBeNull();
        }

        loaded.Predict(data).ShouldBe(model.Predict(data));
    }

    [Fact]
    public void A_float_file_is_refused_as_double_with_the_type_named()
    {
        var stream = new MemoryStream();
        new LinearModel<float>(W, B, 2).Save(stream);
        stream.Position = 0;
        Should.Throw<InvalidDataException>(() => LinearModel<double>.Load(stream, "m.lglm"))
            .Message.ShouldBe("m.lglm holds float weights; load it as LinearModel<float>, not LinearModel<double>.");
    }

    [Fact]
    public void Every_truncation_of_a_model_file_is_refused()
    {
        var stream = new MemoryStream();
        new LinearModel<float>(W, B, 2, ["a", "b", "c"], new Standardizer([1, 2], [3, 4])).Save(stream);
        byte[] bytes = stream.ToArray();
        for (int length = 0; length < bytes.Length; length++)
        {
            Should.Throw<InvalidDataException>(() => LinearModel<float>.Load(new MemoryStream(bytes[..length]), "m"), $"prefix of {length} bytes");
        }

        Should.Throw<InvalidDataException>(() => LinearModel<float>.Load(new MemoryStream([.. bytes, 0]), "m"))
            .Message.ShouldBe("m has bytes after the model's last value.");
    }

    [Fact]
    public void Headers_that_are_not_a_model_are_refused_before_allocating()
    {
        var stream = new MemoryStream();
        new LinearModel<float>(W, B, 2).Save(stream);
        byte[] good = stream.ToArray();

        byte[] magic = (byte[])good.Clone();
        magic[0] ^= 0xFF;
        Should.Throw<InvalidDataException>(() => LinearModel<float>.Load(new MemoryStream(magic), "m"))
            .Message.ShouldBe("m is not a LossGen linear model (no \"LGLM\" header).");

        byte[] version = (byte[])good.Clone();
        BitConverter.GetBytes(2).CopyTo(version, 4);
        Should.Throw<InvalidDataException>(() => LinearModel<float>.Load(new MemoryStream(version), "m"))
            .Message.ShouldBe("m has format version 2; this LossGen reads version 1.");

        byte[] huge = (byte[])good.Clone();
        BitConverter.GetBytes(1 << 20).CopyTo(huge, 9); // D at offset 4 + 4 + 1
        BitConverter.GetBytes(1 << 20).CopyTo(huge, 13);
        Should.Throw<InvalidDataException>(() => LinearModel<float>.Load(new MemoryStream(huge), "m"))
            .Message.ShouldContain("declares 1048576 features × 1048576 classes");
    }

    [Fact]
    public void A_non_finite_weight_in_a_file_is_refused_with_the_file_named()
    {
        var stream = new MemoryStream();
        new LinearModel<float>(W, B, 2).Save(stream);
        byte[] bytes = stream.ToArray();
        BitConverter.GetBytes(float.NaN).CopyTo(bytes, bytes.Length - 4); // the last bias value
        Should.Throw<InvalidDataException>(() => LinearModel<float>.Load(new MemoryStream(bytes), "m.lglm"))
            .Message.ShouldStartWith("m.lglm: bias[2] = NaN is not finite.");
    }

    [Fact]
    public void Bad_parts_are_refused_with_the_parameter_and_the_sizes_named()
    {
        Should.Throw<ArgumentException>(() => new LinearModel<float>(W.AsSpan(1), B, 2))
            .Message.ShouldStartWith("weights has 5 values; 2 features × 3 classes need 6.");
        Should.Throw<ArgumentException>(() => new LinearModel<float>(W, B, 2, ["a", "b", "a"]))
            .ParamName.ShouldBe("classNames");
        Should.Throw<ArgumentException>(() => new LinearModel<float>(W, B, 2, standardizer: new Standardizer([0, 0, 0], [1, 1, 1])))
            .ParamName.ShouldBe("standardizer");
        Should.Throw<ArgumentException>(() => new LinearModel<float>([1f, float.PositiveInfinity, 0, 0, 0, 0], B, 2))
            .ParamName.ShouldBe("weights");
        var model = new LinearModel<float>(W, B, 2);
        Should.Throw<ArgumentException>(() => model.Predict([1f, 2f, 3f])).Message.ShouldStartWith("row has 3 features; the model has 2.");
        Should.Throw<ArgumentException>(() => model.Scores([1f, 2f], new float[2])).ParamName.ShouldBe("scores");
        float[] shared = new float[3];
        Should.Throw<ArgumentException>(() => model.Scores(shared.AsSpan(0, 2), shared)).ParamName.ShouldBe("scores");
    }

    private static ulong[] Bits(double[] values) => values.Select(BitConverter.DoubleToUInt64Bits).ToArray();

    private static uint[] Bits(float[] values) => values.Select(BitConverter.SingleToUInt32Bits).ToArray();

    /// <summary>Separable classes: class j's rows sit around 3·e_(j mod D) plus unit noise, offset by 10 so standardizing matters.</summary>
    private static LinearDataset<float> Synthetic(int rows, int features, int classes, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows * features];
        var y = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            y[i] = i % classes;
            for (int k = 0; k < features; k++)
            {
                x[i * features + k] = 10 + (k == y[i] % features ? 3 : 0) + (float)(random.NextDouble() - 0.5);
            }
        }

        return new LinearDataset<float>(x, y, features, classes);
    }

    private static T[] TrainedParameters<T>(LinearDataset<T> data, int epochs)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var trainer = Trainer.Create(new LinearSoftmaxObjective<T>(data, 1e-4), new Sgd.Optimizer<T>(0.5), new ConstantLearningRate(),
            new T[data.ParameterCount], new TrainerOptions { BatchSize = 16, Seed = 1 });
        trainer.Fit(epochs);
        return trainer.Parameters.ToArray();
    }
}

internal static class DatasetCasts
{
    public static LinearDataset<double> Cast(this LinearDataset<float> data) =>
        new(data.Features.Select(v => (double)v).ToArray(), data.Labels, data.FeatureCount, data.ClassCount);
}
