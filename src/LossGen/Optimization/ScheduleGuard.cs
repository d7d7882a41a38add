using System;

namespace LossGen.Optimization;

/// <summary>Argument checks shared by the learning-rate schedules.</summary>
internal static class ScheduleGuard
{
    public static void Step(long step)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step index counts updates already taken and cannot be negative.");
        }
    }

    /// <summary>
    /// A schedule struct created with <c>default</c> instead of its constructor has zeroed
    /// parameters that would silently yield a wrong rate; this turns that into an error.
    /// </summary>
    public static void Initialized(bool initialized, string schedule)
    {
        if (!initialized)
        {
            throw new InvalidOperationException($"This {schedule} was created with default(...) rather than a constructor; it has no parameters.");
        }
    }
}
