using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace DigitsSoftmax.Cli;

/// <summary>
/// Numeric options parsed in the invariant culture (so "0.5" means the same on every machine)
/// with a range check; each error names the option, the value given and what is allowed.
/// </summary>
public static class NumberOption
{
    /// <summary>A finite number above <paramref name="exclusiveMin"/> (or at or above <paramref name="inclusiveMin"/>).</summary>
    public static Option<double> Real(string name, double defaultValue, string description, double? exclusiveMin = null, double? inclusiveMin = null) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = LastToken(result);
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                {
                    result.AddError($"{name} must be a finite number, but is '{text}'.");
                }
                else if (exclusiveMin is { } low && !(value > low))
                {
                    result.AddError($"{name} must be greater than {Show(low)}, but is {text}.");
                }
                else if (inclusiveMin is { } floor && !(value >= floor))
                {
                    result.AddError($"{name} must be at least {Show(floor)}, but is {text}.");
                }

                return value;
            },
        };

    /// <summary>An integer at or above <paramref name="min"/>.</summary>
    public static Option<int> Integer(string name, int defaultValue, string description, int min, params string[] aliases) =>
        new(name, aliases)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                string text = LastToken(result);
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value))
                {
                    result.AddError($"{name} must be an integer, but is '{text}'.");
                }
                else if (value < min)
                {
                    result.AddError($"{name} must be at least {min}, but is {value}.");
                }

                return value;
            },
        };

    private static string LastToken(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";

    private static string Show(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
