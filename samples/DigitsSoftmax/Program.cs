using DigitsSoftmax.Cli;
using DigitsSoftmax.Output;

namespace DigitsSoftmax;

/// <summary>Entry point; see <see cref="CommandLineApp"/> and <c>--help</c>.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ConsoleSetup.Configure();
        return CommandLineApp.Run(args);
    }
}
