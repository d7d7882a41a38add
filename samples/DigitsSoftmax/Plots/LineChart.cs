using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace DigitsSoftmax.Plots;

/// <summary>Several lines on one pair of axes with a legend, saved as SVG (ScottPlot).</summary>
public static class LineChart
{
    public const int Width = 720;
    public const int Height = 450;

    public static void Save(string path, string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series, bool logY = false)
    {
        var plot = new Plot();
        foreach (LineSeries line in series)
        {
            double[] y = logY ? line.Y.Select(v => System.Math.Log10(v)).ToArray() : line.Y.ToArray();
            var scatter = plot.Add.ScatterLine(line.X.ToArray(), y);
            scatter.LegendText = line.Name;
            scatter.LineWidth = 2;
        }

        if (logY)
        {
            // ScottPlot has no log axis; plot log10 and label the ticks with the values they stand for.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = v => System.Math.Pow(10, v).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SaveSvg(path, Width, Height);
    }
}
