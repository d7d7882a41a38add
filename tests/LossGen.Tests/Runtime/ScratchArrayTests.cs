using System;
using System.Threading;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Runtime;

/// <summary>
/// The per-thread scratch behind every generated kernel's rows, tiles and products: what a thread
/// gives back it gets back, so a kernel run again allocates nothing, and no other thread can take it.
/// </summary>
public class ScratchArrayTests
{
    [Fact]
    public void A_returned_array_comes_back_to_the_same_thread_for_any_length_it_covers()
    {
        OnFreshThread(() =>
        {
            var first = Scratch<float>.Rent(1000);
            first.Length.ShouldBeGreaterThanOrEqualTo(1000);
            Scratch<float>.Return(first);

            Scratch<float>.Rent(1000).ShouldBeSameAs(first);
            Scratch<float>.Return(first);
            Scratch<float>.Rent(10).ShouldBeSameAs(first);
            Scratch<float>.Return(first);
        });
    }

    [Fact]
    public void Rent_takes_the_smallest_array_that_is_long_enough()
    {
        OnFreshThread(() =>
        {
            var large = Scratch<double>.Rent(5000);
            var small = Scratch<double>.Rent(300);
            Scratch<double>.Return(large);
            Scratch<double>.Return(small);

            Scratch<double>.Rent(200).ShouldBeSameAs(small);
            Scratch<double>.Rent(200).ShouldBeSameAs(large);
            Scratch<double>.Return(small);
            Scratch<double>.Return(large);
        });
    }

    [Fact]
    public void Another_thread_does_not_get_this_threads_arrays()
    {
        OnFreshThread(() =>
        {
            var mine = Scratch<float>.Rent(4321);
            Scratch<float>.Return(mine);

            float[]? theirs = null;
            var other = new Thread(() => theirs = Scratch<float>.Rent(4321));
            other.Start();
            other.Join();

            theirs.ShouldNotBeNull();
            theirs.ShouldNotBeSameAs(mine);
            Scratch<float>.Rent(4321).ShouldBeSameAs(mine);
            Scratch<float>.Return(mine);
        });
    }

    [Fact]
    public void Renting_what_was_returned_allocates_nothing()
    {
        OnFreshThread(() =>
        {
            var arrays = new float[6][];
            for (int round = 0; round < 2; round++)
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < arrays.Length; i++) arrays[i] = Scratch<float>.Rent(100 * (i + 1));
                for (int i = 0; i < arrays.Length; i++) Scratch<float>.Return(arrays[i]);
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                // The first round allocates the six arrays (and the thread's slots); the second reuses them.
                if (round == 1) allocated.ShouldBe(0);
            }
        });
    }

    [Fact]
    public void A_negative_length_is_refused_by_name()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Scratch<float>.Rent(-1)).ParamName.ShouldBe("minimumLength");
        OnFreshThread(() => Scratch<float>.Rent(0).Length.ShouldBe(1));
    }

    /// <summary>
    /// Runs a test body on a thread of its own: test threads are reused, and arrays an earlier test
    /// returned would be in this one's scratch.
    /// </summary>
    private static void OnFreshThread(Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new Xunit.Sdk.XunitException(failure.ToString());
    }
}
