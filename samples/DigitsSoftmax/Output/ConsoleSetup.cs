using System;
using Spectre.Console;

namespace DigitsSoftmax.Output;

/// <summary>
/// Spectre decides on ANSI from TERM alone, so a redirected run under TERM=xterm would still get
/// escape codes (and a progress bar redrawn into the log); a redirected run therefore gets plain,
/// non-interactive text at a fixed width, because there is no terminal to measure.
/// </summary>
public static class ConsoleSetup
{
    public static bool IsInteractive => !Console.IsOutputRedirected;

    public static void Configure()
    {
        if (IsInteractive)
        {
            return;
        }

        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        AnsiConsole.Profile.Width = 120;
    }
}
