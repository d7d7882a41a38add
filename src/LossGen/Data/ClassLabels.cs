using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LossGen.Data;

/// <summary>
/// Maps the label text of each row to a class index. With given class names the mapping is theirs
/// (so a training and a test file agree even if one lacks a class); otherwise the distinct labels
/// are sorted — numerically when every label is a number, ordinally otherwise — and numbered from 0.
/// </summary>
internal sealed class ClassLabels
{
    private readonly List<(string Text, long Line, int Column)> _rows = new();

    public void Add(string text, long line, int column) => _rows.Add((text, line, column));

    public int Count => _rows.Count;

    public (int[] Labels, string[] ClassNames) Resolve(string path, IReadOnlyList<string>? classNames)
    {
        string[] names = classNames is not null ? classNames.ToArray() : DistinctSorted();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            if (!index.TryAdd(names[i], i))
            {
                throw new ArgumentException($"The class name '{names[i]}' is given twice.", nameof(classNames));
            }
        }

        if (names.Length < 2)
        {
            var first = _rows.Count > 0 ? _rows[0] : ("", 1, 1);
            throw new DataFormatException(
                path, first.Item2, first.Item3, $"Found {names.Length} class(es); a classifier needs at least 2.");
        }

        var labels = new int[_rows.Count];
        for (int i = 0; i < _rows.Count; i++)
        {
            var (text, line, column) = _rows[i];
            if (!index.TryGetValue(text, out labels[i]))
            {
                throw new DataFormatException(path, line, column, $"Label '{text}' is not one of the given class names ({string.Join(", ", names)}).");
            }
        }

        return (labels, names);
    }

    private string[] DistinctSorted()
    {
        string[] distinct = _rows.Select(r => r.Text).Distinct(StringComparer.Ordinal).ToArray();
        bool numeric = distinct.All(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? distinct.OrderBy(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ThenBy(s => s, StringComparer.Ordinal).ToArray()
            : distinct.OrderBy(s => s, StringComparer.Ordinal).ToArray();
    }
}
