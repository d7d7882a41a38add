using System;
using System.IO;
using DigitsSoftmax.Cli;
using DigitsSoftmax.Output;

namespace DigitsSoftmax.Tests;

/// <summary>Runs the tool in-process with its console output captured; the exit code and the text.</summary>
internal static class ToolRun
{
    public static (int ExitCode, string Output, string Error) Invoke(params string[] args)
    {
        TextWriter oldOut = Console.Out, oldError = Console.Error;
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            ConsoleSetup.Configure();
            int code = CommandLineApp.Run(args);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}
