using System;
using System.CommandLine;
using System.Linq;

namespace DigitsSoftmax.Cli;

/// <summary>
/// An option whose values are an enum's names in lower case. Parsed with the generic
/// <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/>, which needs no reflection, so the
/// tool stays clean under trimming and NativeAOT.
/// </summary>
public static class EnumOption
{
    public static Option<TEnum> Create<TEnum>(string name, TEnum defaultValue, string description)
        where TEnum : struct, Enum
    {
        string[] names = Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()).ToArray();
        var option = new Option<TEnum>(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            // AcceptOnlyFromAmong compares exactly, so the names it offers are the lower-case ones.
            HelpName = string.Join("|", names),
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                // AcceptOnlyFromAmong below has already refused anything but the names.
                return Enum.TryParse(text, ignoreCase: true, out TEnum value) ? value : defaultValue;
            },
        };
        option.AcceptOnlyFromAmong(names);
        return option;
    }
}
