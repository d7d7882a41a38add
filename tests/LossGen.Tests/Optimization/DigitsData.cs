using System;
using System.Globalization;
using System.IO;

namespace LossGen.Tests.Optimization;

/// <summary>
/// The UCI digits set shipped beside the repository (../shared/data/digits.csv from the folder
/// holding LossGen.sln): 1797 rows of 64 pixel counts (0..16) and a label (0..9).
/// </summary>
internal sealed class DigitsData
{
    public const int Features = 64;
    public const int Classes = 10;

    private DigitsData(double[] x, int[] y)
    {
        X = x;
        Y = y;
    }

    /// <summary>Row-major N × 64 features, each pixel / 16.</summary>
    public double[] X { get; }

    public int[] Y { get; }

    public int Count => Y.Length;

    public static string LocateCsv()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LossGen.sln")))
        {
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
        }

        if (dir is null)
        {
            throw new InvalidOperationException(
                $"Could not find the repository root (a folder containing LossGen.sln) above {AppContext.BaseDirectory}.");
        }

        string csv = Path.GetFullPath(Path.Combine(dir, "..", "shared", "data", "digits.csv"));
        if (!File.Exists(csv))
        {
            throw new FileNotFoundException(
                $"The digits data set is missing: expected {csv} (../shared/data/digits.csv next to the repository root {dir}). " +
                "CI provides it; locally, copy the UCI digits CSV there (see shared/data/README.md).", csv);
        }

        return csv;
    }

    public static DigitsData Load()
    {
        string[] lines = File.ReadAllLines(LocateCsv());
        int n = 0;
        foreach (string line in lines)
        {
            if (line.Length > 0)
            {
                n++;
            }
        }

        var x = new double[n * Features];
        var y = new int[n];
        int row = 0;
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (cells.Length != Features + 1)
            {
                throw new InvalidDataException($"digits.csv row {row + 1} has {cells.Length} columns; expected {Features + 1}.");
            }

            for (int j = 0; j < Features; j++)
            {
                x[row * Features + j] = int.Parse(cells[j], CultureInfo.InvariantCulture) / 16.0;
            }

            y[row] = int.Parse(cells[Features], CultureInfo.InvariantCulture);
            if (y[row] is < 0 or >= Classes)
            {
                throw new InvalidDataException($"digits.csv row {row + 1} has label {y[row]}, outside 0..9.");
            }

            row++;
        }

        return new DigitsData(x, y);
    }
}
