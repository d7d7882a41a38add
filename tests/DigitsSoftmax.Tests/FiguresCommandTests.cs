using DigitsSoftmax.Commands;
using Xunit;

namespace DigitsSoftmax.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class FiguresCommandTests
{
    [Fact]
    public void Figures_are_valid_svg_with_one_legend_entry_per_series()
    {
        using var folder = new TempFolder();
        var (code, output, _) = ToolRun.Invoke("figures", "--out", folder.Path);
        Assert.Equal(0, code);
        Assert.Contains(folder.Path, output);

        var optimizers = new SvgFile(folder.File(FiguresCommand.OptimizersFile));
        Assert.True(optimizers.IsSvg);
        foreach (string name in new[] { "SGD", "momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam" })
        {
            Assert.Contains(name, optimizers.Texts);
        }

        var rates = new SvgFile(folder.File(FiguresCommand.LearningRatesFile));
        Assert.True(rates.IsSvg);
        foreach (var (name, _) in FiguresCommand.LearningRates)
        {
            Assert.Contains(name, rates.Texts);
        }
    }
}
