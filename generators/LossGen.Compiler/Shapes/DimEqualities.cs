using System.Collections.Generic;

namespace LossGen.Compiler.Shapes;

/// <summary>
/// Facts of the form "N and D are the same size" (or "N is 10"), closed under transitivity.
/// Broadcasting consults these before rejecting two differently named dimensions, because the
/// user may have declared them equal elsewhere.
/// </summary>
internal sealed class DimEqualities
{
    public static readonly DimEqualities None = new();

    // Union-find over dimensions; classes are tiny, so no rank or path compression heuristics.
    private readonly Dictionary<Dim, Dim> parent = new();

    public DimEqualities(params (Dim Left, Dim Right)[] facts)
    {
        foreach (var (left, right) in facts)
        {
            var a = Root(left);
            var b = Root(right);
            if (a != b)
                parent[a] = b;
        }
    }

    public bool AreEqual(Dim a, Dim b) => a == b || Root(a) == Root(b);

    private Dim Root(Dim d)
    {
        while (parent.TryGetValue(d, out var next))
            d = next;
        return d;
    }
}
