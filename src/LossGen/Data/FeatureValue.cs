using System;
using System.Globalization;
using System.Numerics;

namespace LossGen.Data;

/// <summary>
/// Turns one field of a text file into a feature: invariant culture, and only finite values of
/// the element type (issue 12: NaN or ∞ in the data must never train silently). The check
/// is after the conversion to the element type, so <c>1e39</c> is refused for float.
/// </summary>
internal static class FeatureValue
{
    public static T Parse<T>(ReadOnlySpan<char> text, string path, long line, int column)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<char> trimmed = text.Trim();
        if (trimmed.IsEmpty)
        {
            throw new DataFormatException(path, line, column, "Empty feature value.");
        }

        if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new DataFormatException(path, line, column, $"'{trimmed}' is not a number (invariant culture: '.' is the decimal point).");
        }

        T converted = T.CreateChecked(value);
        if (!T.IsFinite(converted))
        {
            throw new DataFormatException(
                path, line, column, $"Feature value '{trimmed}' is not finite as {typeof(T).Name}; non-finite features are refused.");
        }

        return converted;
    }
}
