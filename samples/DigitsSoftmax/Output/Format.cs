using System.Globalization;

namespace DigitsSoftmax.Output;

/// <summary>Number formats shared by the tables and messages, always in the invariant culture.</summary>
public static class Format
{
    public static string Percent(double fraction) => (fraction * 100).ToString("F2", CultureInfo.InvariantCulture) + "%";

    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    public static string Loss(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
