using System;
using System.Globalization;
using System.IO;

namespace DigitsSoftmax.Data;

/// <summary>
/// A CSV file has a header when its first line has a field that is not a number: data rows of a
/// linear classifier are numbers except perhaps the label, so a header is the only line with two
/// or more non-numbers, or one non-number where every later row has none.
/// </summary>
public static class CsvHeaderDetection
{
    public static bool HasHeader(string path, char separator)
    {
        using var reader = new StreamReader(path);
        string? first = reader.ReadLine();
        string? second = reader.ReadLine();
        if (first is null)
        {
            return false;
        }

        int firstText = NonNumericFields(first, separator);
        return firstText >= 2 || (firstText == 1 && second is not null && NonNumericFields(second, separator) == 0);
    }

    private static int NonNumericFields(string line, char separator)
    {
        int count = 0;
        foreach (string field in line.Split(separator))
        {
            if (!double.TryParse(field.Trim().Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                count++;
            }
        }

        return count;
    }
}
