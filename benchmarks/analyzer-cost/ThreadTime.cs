using System.Runtime.InteropServices;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)), in ms: on a
/// loaded machine a stopwatch also counts the time other processes had the core, and time spent
/// waiting for a lock another thread holds.
/// </summary>
internal static class ThreadTime
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private const int ThreadCpuTime = 3;

    public static double Ms()
    {
        ClockGetTime(ThreadCpuTime, out var t);
        return t.Seconds * 1e3 + t.Nanoseconds / 1e6;
    }
}
