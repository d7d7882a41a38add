using System;
using System.Collections.Generic;
using System.IO;
using System.Numerics;
using LossGen.Data;
using LossGen.Training;

namespace LossGen.Models;

/// <summary>
/// A trained linear classifier ready to use and to ship: weights <c>W</c> (<c>D×C</c>, row-major),
/// bias <c>b</c> (<c>C</c>), the class names, and the standardization the training rows went
/// through, which it applies itself, so callers pass raw feature rows. Saved with
/// <see cref="Save(string)"/> and read back with <see cref="Load(string)"/> (format version
/// <see cref="FormatVersion"/>); the arrays are copied in and never change afterwards, so one model
/// may be used from several threads at once.
/// </summary>
/// <typeparam name="T">The element type of the weights and features: <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class LinearModel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The version of the file layout that <see cref="Save(Stream)"/> writes and <see cref="Load(Stream, string)"/> reads.</summary>
    public const int FormatVersion = LinearModelFile.Version;

    private readonly T[] _weights;
    private readonly T[] _bias;
    private readonly string[] _classNames;

    /// <summary>Creates a model from its parts (copied).</summary>
    /// <param name="weights">W, <c>featureCount × classCount</c> values, row-major (row k holds the weights of feature k for every class).</param>
    /// <param name="bias">b, one value per class.</param>
    /// <param name="featureCount">D, the number of features of a row; positive.</param>
    /// <param name="classNames">The names of the C ≥ 2 classes in label order, distinct; <see langword="null"/> names them "0", "1", ….</param>
    /// <param name="standardizer">The standardization fitted on the training split, applied to every row before scoring; <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentException">A length does not match the others, a name is repeated or empty, a value is not finite, or the standardizer has another feature count.</exception>
    public LinearModel(ReadOnlySpan<T> weights, ReadOnlySpan<T> bias, int featureCount, IReadOnlyList<string>? classNames = null, Standardizer? standardizer = null)
    {
        int classCount = bias.Length;
        if (featureCount <= 0)
        {
            throw new ArgumentException($"featureCount must be positive, but is {featureCount}.", nameof(featureCount));
        }

        if (classCount < 2)
        {
            throw new ArgumentException($"bias has {classCount} values; a classifier needs at least 2 classes.", nameof(bias));
        }

        if (weights.Length != (long)featureCount * classCount)
        {
            throw new ArgumentException(
                $"weights has {weights.Length} values; {featureCount} features × {classCount} classes need {(long)featureCount * classCount}.", nameof(weights));
        }

        RequireFinite(weights, nameof(weights));
        RequireFinite(bias, nameof(bias));
        if (standardizer is not null && standardizer.FeatureCount != featureCount)
        {
            throw new ArgumentException(
                $"standardizer was fitted on {standardizer.FeatureCount} features; the weights have {featureCount}.", nameof(standardizer));
        }

        _classNames = CheckedNames(classNames, classCount);
        _weights = weights.ToArray();
        _bias = bias.ToArray();
        FeatureCount = featureCount;
        Standardizer = standardizer;
    }

    /// <summary>D: the number of features a row must have.</summary>
    public int FeatureCount { get; }

    /// <summary>C: the number of classes.</summary>
    public int ClassCount => _bias.Length;

    /// <summary>W, <c>D×C</c> row-major.</summary>
    public ReadOnlySpan<T> Weights => _weights;

    /// <summary>b, one value per class.</summary>
    public ReadOnlySpan<T> Bias => _bias;

    /// <summary>The class names in label order: <see cref="Predict(ReadOnlySpan{T})"/> returns an index into them.</summary>
    public IReadOnlyList<string> ClassNames => _classNames;

    /// <summary>The standardization applied to each row before scoring, or <see langword="null"/>.</summary>
    public Standardizer? Standardizer { get; }

    /// <summary>
    /// Makes a model from the trainer's flat parameter vector <c>[W (D×C) | b (C)]</c>, the layout of
    /// <see cref="LinearSoftmaxObjective{T}"/>, <see cref="LinearSvmObjective{T}"/> and <see cref="LinearClassifier"/>.
    /// </summary>
    /// <param name="parameters">The trained parameters, <c>D·C + C</c> values.</param>
    /// <param name="featureCount">D.</param>
    /// <param name="classCount">C.</param>
    /// <param name="classNames">The class names, or <see langword="null"/> for "0", "1", ….</param>
    /// <param name="standardizer">The standardization the training rows went through, or <see langword="null"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentException">The length is not <c>D·C + C</c>, or as for the constructor.</exception>
    public static LinearModel<T> FromParameters(ReadOnlySpan<T> parameters, int featureCount, int classCount, IReadOnlyList<string>? classNames = null, Standardizer? standardizer = null)
    {
        if (featureCount <= 0 || classCount < 2)
        {
            throw new ArgumentException($"featureCount {featureCount} must be positive and classCount {classCount} at least 2.", featureCount <= 0 ? nameof(featureCount) : nameof(classCount));
        }

        LinearClassifier.CheckLength(parameters.Length, featureCount * classCount + classCount, nameof(parameters));
        return new LinearModel<T>(
            parameters[..(featureCount * classCount)], parameters.Slice(featureCount * classCount, classCount), featureCount, classNames, standardizer);
    }

    /// <summary>The class scores <c>z W + b</c> of one raw row (z is the standardized row).</summary>
    /// <param name="row">D raw features.</param>
    /// <param name="scores">Receives C scores.</param>
    /// <exception cref="ArgumentException">A length is wrong, or the spans overlap.</exception>
    public void Scores(ReadOnlySpan<T> row, Span<T> scores)
    {
        CheckRow(row, nameof(row));
        if (scores.Length != ClassCount)
        {
            throw new ArgumentException($"scores has length {scores.Length}; the model has {ClassCount} classes.", nameof(scores));
        }

        if (row.Overlaps(scores))
        {
            throw new ArgumentException("scores overlaps row; the output must be a separate buffer.", nameof(scores));
        }

        ScoresUnchecked(row, scores);
    }

    /// <summary>The class with the highest score (the first on ties).</summary>
    /// <param name="row">D raw features.</param>
    /// <returns>The predicted label, an index into <see cref="ClassNames"/>.</returns>
    /// <exception cref="ArgumentException">The row does not have <see cref="FeatureCount"/> features.</exception>
    public int Predict(ReadOnlySpan<T> row)
    {
        CheckRow(row, nameof(row));
        Span<T> scores = ClassCount <= 256 ? stackalloc T[ClassCount] : new T[ClassCount];
        ScoresUnchecked(row, scores);
        return ArgMax(scores);
    }

    /// <summary>The predicted class of every row of <paramref name="data"/>.</summary>
    /// <param name="data">Rows with <see cref="FeatureCount"/> raw features (labels are not read).</param>
    /// <returns>One label per row.</returns>
    /// <exception cref="ArgumentException">The data has another feature count.</exception>
    public int[] Predict(LinearDataset<T> data)
    {
        CheckData(data);
        var predictions = new int[data.Count];
        Span<T> scores = ClassCount <= 256 ? stackalloc T[ClassCount] : new T[ClassCount];
        for (int i = 0; i < data.Count; i++)
        {
            ScoresUnchecked(data.Row(i), scores);
            predictions[i] = ArgMax(scores);
        }

        return predictions;
    }

    /// <summary>
    /// The softmax of the scores, <c>p_j = exp(s_j) / Σ_c exp(s_c)</c>, computed in double after
    /// subtracting the largest score so it never overflows. These are the model's class
    /// probabilities when it was trained with cross-entropy (softmax loss); for a hinge-trained model
    /// they are a monotone squashing of the scores, not calibrated probabilities.
    /// </summary>
    /// <param name="row">D raw features.</param>
    /// <param name="probabilities">Receives C non-negative values that sum to 1 (up to rounding).</param>
    /// <exception cref="ArgumentException">A length is wrong, or the spans overlap.</exception>
    public void PredictProbabilities(ReadOnlySpan<T> row, Span<T> probabilities)
    {
        Scores(row, probabilities);
        double max = double.NegativeInfinity;
        foreach (T s in probabilities)
        {
            max = Math.Max(max, double.CreateChecked(s));
        }

        double sum = 0;
        foreach (T s in probabilities)
        {
            sum += Math.Exp(double.CreateChecked(s) - max);
        }

        for (int j = 0; j < probabilities.Length; j++)
        {
            probabilities[j] = T.CreateChecked(Math.Exp(double.CreateChecked(probabilities[j]) - max) / sum);
        }
    }

    /// <summary>The model's accuracy on <paramref name="data"/>: the fraction of rows whose predicted class is the label.</summary>
    /// <param name="data">Labelled rows with <see cref="FeatureCount"/> raw features and labels below <see cref="ClassCount"/>.</param>
    /// <returns>A value in [0, 1].</returns>
    /// <exception cref="ArgumentException">The data has another feature or class count.</exception>
    public double Score(LinearDataset<T> data)
    {
        int[] predictions = Predict(data);
        if (data.ClassCount != ClassCount)
        {
            throw new ArgumentException($"data has {data.ClassCount} classes; the model has {ClassCount}.", nameof(data));
        }

        int correct = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            correct += predictions[i] == data.Labels[i] ? 1 : 0;
        }

        return (double)correct / predictions.Length;
    }

    /// <summary>Writes the model to <paramref name="path"/> (created or replaced).</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = File.Create(path);
        Save(file);
    }

    /// <summary>Writes the model to <paramref name="stream"/> in the layout of version <see cref="FormatVersion"/>.</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        LinearModelFile.Write(stream, this);
    }

    /// <summary>Reads a model written by <see cref="Save(string)"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">The file is not a LossGen linear model, is of another version or element type, is truncated, or holds invalid values; the message names the file.</exception>
    public static LinearModel<T> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using FileStream file = File.OpenRead(path);
        return Load(file, path);
    }

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>.</summary>
    /// <param name="stream">A readable stream positioned at the model; the whole rest of it is the model.</param>
    /// <param name="sourceName">Names the source in error messages.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InvalidDataException">As for <see cref="Load(string)"/>.</exception>
    public static LinearModel<T> Load(Stream stream, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return LinearModelFile.Read<T>(stream, sourceName);
    }

    // z = (x − mean) / scale is formed exactly as Standardizer.TransformInPlace forms it, so a model
    // with a standardizer scores raw rows bit for bit as the trainer saw the transformed rows.
    private void ScoresUnchecked(ReadOnlySpan<T> row, Span<T> scores)
    {
        int c = ClassCount;
        _bias.CopyTo(scores);
        ReadOnlySpan<T> w = _weights;
        for (int k = 0; k < FeatureCount; k++)
        {
            T z = Standardizer is { } s ? T.CreateChecked((double.CreateChecked(row[k]) - s.Mean[k]) / s.Scale[k]) : row[k];
            ReadOnlySpan<T> wk = w.Slice(k * c, c);
            for (int j = 0; j < c; j++)
            {
                scores[j] += z * wk[j];
            }
        }
    }

    private static int ArgMax(ReadOnlySpan<T> scores)
    {
        int best = 0;
        for (int j = 1; j < scores.Length; j++)
        {
            if (scores[j] > scores[best])
            {
                best = j;
            }
        }

        return best;
    }

    private void CheckRow(ReadOnlySpan<T> row, string parameter)
    {
        if (row.Length != FeatureCount)
        {
            throw new ArgumentException($"{parameter} has {row.Length} features; the model has {FeatureCount}.", parameter);
        }
    }

    private void CheckData(LinearDataset<T> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException($"data has {data.FeatureCount} features; the model has {FeatureCount}.", nameof(data));
        }
    }

    private static void RequireFinite(ReadOnlySpan<T> values, string parameter)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                throw new ArgumentException($"{parameter}[{i}] = {values[i]} is not finite.", parameter);
            }
        }
    }

    private static string[] CheckedNames(IReadOnlyList<string>? names, int classCount)
    {
        if (names is null)
        {
            var numbered = new string[classCount];
            for (int j = 0; j < classCount; j++)
            {
                numbered[j] = j.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return numbered;
        }

        if (names.Count != classCount)
        {
            throw new ArgumentException($"classNames has {names.Count} names; the model has {classCount} classes.", "classNames");
        }

        var copy = new string[classCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int j = 0; j < classCount; j++)
        {
            string name = names[j];
            if (string.IsNullOrEmpty(name) || !seen.Add(name))
            {
                throw new ArgumentException($"classNames[{j}] = '{name}' is empty or repeated; class names must be distinct.", "classNames");
            }

            copy[j] = name;
        }

        return copy;
    }
}
