using System;
using Spectre.Console;

namespace DigitsSoftmax.Output;

/// <summary>
/// A live progress bar over a known number of units (epochs or search configurations) on a
/// terminal; redirected, one plain line per unit instead, which is readable in a CI log.
/// </summary>
public static class EpochProgress
{
    /// <param name="work">Runs the work; calls its argument once per finished unit with a short status text.</param>
    public static T Run<T>(string title, int units, Func<Action<string>, T> work)
    {
        if (!ConsoleSetup.IsInteractive)
        {
            int done = 0;
            return work(status => AnsiConsole.WriteLine($"{title} {++done}/{units}: {status}"));
        }

        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(title), maxValue: units);
                result = work(status =>
                {
                    task.Description = Markup.Escape($"{title}: {status}");
                    task.Increment(1);
                });
            });
        return result;
    }
}
