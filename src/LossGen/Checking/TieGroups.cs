using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Numerics;

namespace LossGen.Checking;

/// <summary>
/// The subdifferential check across coordinates: finds the coordinates at a kink whose kinks are
/// one and the same (the tied entries of a <c>Max</c>, the score and label score of a hinge at
/// zero margin) and checks each such group along its all-ones direction.
/// </summary>
/// <remarks>
/// <para>
/// <b>Which coordinates belong together.</b> Two coordinates at a kink, <c>i</c> and <c>j</c>, are
/// joined when moving both at once is not the sum of moving each: the one-sided derivative along
/// <c>e_i + e_j</c> differs from the sum of those along <c>e_i</c> and <c>e_j</c>. A function that is
/// separable in them (<c>|x₁| − |x₂|</c>, or two rows' hinges) is additive, so independent kinks
/// stay apart and every combination of their own subgradients remains valid. At a tie of
/// <c>max(x₁, x₂, x₃)</c> moving <c>x₁</c> alone up gives slope 1, and so does moving <c>x₁</c> and
/// <c>x₂</c> together, not 2: they are joined. Groups are the connected components of that relation.
/// </para>
/// <para>
/// <b>What is checked.</b> For a group <c>G</c>, the sum of the analytic gradients, which is the
/// analytic derivative along <c>1_G</c>, must lie between the two one-sided derivatives along
/// <c>1_G</c>. For every subgradient of a function that is convex or concave near the point this is
/// a necessary condition, and for a <c>Max</c>/<c>Min</c> tie the two sides are equal (the tie moves
/// as a whole), so it is the equality with the upstream coefficient that, together with each
/// coordinate's own interval, describes exactly the convex combinations of the tied one-hot vectors.
/// </para>
/// <para>
/// <b>Limit.</b> A function that is neither convex nor concave across the coordinates of one
/// group, where several kink surfaces cross, can have valid (Clarke) gradients outside the interval
/// along <c>1_G</c>; there the check can fail a correct gradient. Turn it off with
/// <see cref="GradCheckOptions.CheckTieGroups"/> and the report says it was not run.
/// </para>
/// </remarks>
internal static class TieGroups
{
    public static ImmutableArray<TieGroupCheck> Check<T, TFunction>(
        DirectionalProber<T, TFunction> prober,
        IReadOnlyList<CoordinateCheck> atKink,
        double atol,
        double rtol)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TFunction : IGradientFunction<T>
    {
        if (atKink.Count < 2)
            return ImmutableArray<TieGroupCheck>.Empty;

        var byIndex = atKink.ToDictionary(c => c.Coordinate.FlatIndex);
        double SlopeBound(int i) => Math.Max(Math.Abs(byIndex[i].Lower), Math.Abs(byIndex[i].Upper));

        // The slopes along a set of coordinates, at the coarsest step where they have settled: from
        // the default step of its members down to where their own checks found them on the kink.
        DirectionalSlope Along(CoordinateCheck[] members) => prober.Settled(
            members.Select(m => m.Coordinate.FlatIndex).ToArray(),
            members.Max(m => prober.DefaultStep(m.Coordinate.FlatIndex)),
            members.Min(m => m.Step),
            SlopeBound,
            s => atol + rtol * Math.Max(Math.Abs(s.Forward), Math.Abs(s.Backward)));

        var single = atKink.Select(c => Along([c])).ToArray();
        var components = new UnionFind(atKink.Count);
        for (int a = 0; a < atKink.Count; a++)
        {
            for (int b = a + 1; b < atKink.Count; b++)
            {
                var (si, sj) = (single[a], single[b]);
                var both = Along([atKink[a], atKink[b]]);
                double scale = Math.Max(Math.Abs(si.Forward) + Math.Abs(sj.Forward), Math.Abs(si.Backward) + Math.Abs(sj.Backward));
                double tolerance = atol + rtol * scale + si.Allowance + sj.Allowance + both.Allowance;
                bool forwardAdds = Math.Abs(both.Forward - si.Forward - sj.Forward) <= tolerance;
                bool backwardAdds = Math.Abs(both.Backward - si.Backward - sj.Backward) <= tolerance;
                // A NaN compares false and joins the pair, so the group check reports it.
                if (!(forwardAdds && backwardAdds))
                    components.Join(a, b);
            }
        }

        var groups = ImmutableArray.CreateBuilder<TieGroupCheck>();
        foreach (var members in components.Components().Where(m => m.Count > 1))
        {
            var group = members.Select(m => atKink[m]).ToArray();
            groups.Add(CheckGroup(group, Along(group), SlopeBound, atol, rtol));
        }

        return groups.ToImmutable();
    }

    private static TieGroupCheck CheckGroup(CoordinateCheck[] members, DirectionalSlope slope, Func<int, double> slopeBound, double atol, double rtol)
    {
        double lower = Math.Min(slope.Forward, slope.Backward);
        double upper = Math.Max(slope.Forward, slope.Backward);
        double sum = members.Sum(m => m.Analytic);
        if (!slope.Settled)
        {
            // Kinks closer than the finest step hide the point's own pieces along the group (the
            // per-coordinate checks widened their intervals for the same reason). All that is
            // known then is what the members' own intervals add up to, so the group asks no more.
            lower = Math.Min(lower, members.Sum(m => m.Lower));
            upper = Math.Max(upper, members.Sum(m => m.Upper));
        }

        // Each member may be off by its own tolerance, so their sum may be off by the sum of them;
        // that is still far below the upstream coefficient a wrong tie gradient is off by.
        double membersTolerance = members.Sum(m => atol + rtol * slopeBound(m.Coordinate.FlatIndex));
        double tolerance = Math.Max(membersTolerance, atol + rtol * Math.Max(Math.Abs(lower), Math.Abs(upper))) + slope.Allowance;
        bool finite = double.IsFinite(sum) && double.IsFinite(lower) && double.IsFinite(upper);
        double error = finite ? Math.Abs(sum - Math.Clamp(sum, lower, upper)) : double.NaN;
        return new TieGroupCheck(members.Select(m => m.Coordinate).ToImmutableArray(), sum, lower, upper, slope.Step,
            error, tolerance, finite && error <= tolerance, slope.Settled);
    }

    /// <summary>Disjoint sets over <c>0..n−1</c> with path halving; components come out in index order.</summary>
    private sealed class UnionFind(int count)
    {
        private readonly int[] parent = Enumerable.Range(0, count).ToArray();

        public void Join(int a, int b)
        {
            int ra = Root(a), rb = Root(b);
            if (ra != rb)
                parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }

        public IEnumerable<List<int>> Components()
        {
            var byRoot = new SortedDictionary<int, List<int>>();
            for (int i = 0; i < parent.Length; i++)
            {
                int r = Root(i);
                if (!byRoot.TryGetValue(r, out var list))
                    byRoot[r] = list = [];
                list.Add(i);
            }

            return byRoot.Values;
        }

        private int Root(int i)
        {
            while (parent[i] != i)
                i = parent[i] = parent[parent[i]];
            return i;
        }
    }
}
