using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DigitsSoftmax.Tuning;
using LossGen.Search;
using ScottPlot;

namespace DigitsSoftmax.Plots;

/// <summary>
/// The search as a λ × learning-rate heat map of validation score: one cell per distinct
/// (λ, lr) pair, columns λ and rows lr in increasing order; a pair never tried is left blank, so a
/// random search shows as scattered cells.
/// </summary>
public static class SearchHeatmap
{
    public const string File = "search-heatmap.svg";

    public static void Save(string path, SearchResult result)
    {
        double[] lambdas = result.Trials.Select(t => t.Parameters[SearchPlan.LambdaName]).Distinct().Order().ToArray();
        double[] rates = result.Trials.Select(t => t.Parameters[SearchPlan.LearningRateName]).Distinct().Order().ToArray();
        var scores = new double[rates.Length, lambdas.Length];
        for (int r = 0; r < rates.Length; r++)
        {
            for (int c = 0; c < lambdas.Length; c++)
            {
                scores[r, c] = double.NaN;
            }
        }

        foreach (SearchTrial t in result.Trials)
        {
            int c = System.Array.IndexOf(lambdas, t.Parameters[SearchPlan.LambdaName]);
            int r = System.Array.IndexOf(rates, t.Parameters[SearchPlan.LearningRateName]);
            scores[r, c] = t.Score;
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(Flip(scores));
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.Transparent;
        plot.Add.ColorBar(heatmap).Label = "validation score";
        plot.Axes.Bottom.SetTicks(Positions(lambdas.Length), lambdas.Select(Label).ToArray());
        plot.Axes.Left.SetTicks(Positions(rates.Length), rates.Select(Label).ToArray());
        plot.Title("Validation score over lambda × learning rate");
        plot.XLabel("lambda");
        plot.YLabel("learning rate");
        plot.SaveSvg(path, LineChart.Width, LineChart.Height);
    }

    // ScottPlot draws row 0 at the top; flipping puts the smallest learning rate at the bottom.
    private static double[,] Flip(double[,] values)
    {
        int rows = values.GetLength(0), columns = values.GetLength(1);
        var flipped = new double[rows, columns];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                flipped[r, c] = values[rows - 1 - r, c];
            }
        }

        return flipped;
    }

    private static double[] Positions(int count) => Enumerable.Range(0, count).Select(i => (double)i).ToArray();

    private static string Label(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
