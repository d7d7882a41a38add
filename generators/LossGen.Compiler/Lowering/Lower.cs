using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Lowering;

/// <summary>
/// Lower: schedules the forward expression and the gradient terms into loop nests.
/// <list type="bullet">
/// <item>Each reduction is a loop; each distinct subexpression is computed once, in the outermost
///   loop where its index variables are bound (hoisting and CSE by value equality).</item>
/// <item>Fusion: a gradient term whose next loop is a forward reduction's loop, and whose
///   coefficient does not need that reduction's result, is emitted inside the same loop — the
///   SVM's value and gradient come out of one pass over each row. Terms that need the result
///   (softmax needs the log-sum-exp) get a loop of their own after it.</item>
/// <item>Vectorization: see <see cref="Vectorization"/>; a vector loop has a full-width body and a
///   masked tail for the last <c>rem &lt; V.Count</c> elements.</item>
/// <item>Gradient writes into an element that does not depend on the innermost loop (the label
///   scatter <c>ds[i, y[i]]</c> inside the loop over j) sum in a register and are stored once
///   after the loop.</item>
/// <item>Materialization: a nested reduction that a loop over j needs for every j (the scores
///   Σ_k X[i,k]·W[k,j] of a linear model) is computed once into a scratch row and loaded by every
///   later loop over j in the same iteration, instead of being recomputed by each pass.</item>
/// <item>A gradient buffer is overwritten, not cleared and accumulated, when one term writes each
///   of its elements exactly once before any other term touches it; otherwise it is cleared first.</item>
/// </list>
/// </summary>
internal sealed partial class Lower
{
    private readonly ShapedDeclaration decl;
    private readonly Dictionary<string, TensorShape> tensors;
    private readonly Dictionary<string, int> coveringTerm;
    private int counter;
    private readonly List<Scratch> scratches = new();

    private Lower(ShapedDeclaration decl, Dictionary<string, int> coveringTerm)
    {
        this.decl = decl;
        this.coveringTerm = coveringTerm;
        tensors = decl.Tensors.ToDictionary(t => t.Name);
        userNames = new HashSet<string>(Naming.Reserved(decl));
    }

    private readonly HashSet<string> userNames;

    /// <param name="withGradients">
    /// The kernel takes gradient buffers (ValueAndGradient). It is not the same as having terms: a
    /// loss that does not depend on a differentiable tensor has none, and its buffer must still be
    /// overwritten with zeros (found by fuzzing: Mean(i, k => X[i, k]) left ds untouched).
    /// </param>
    /// <param name="tieSource">
    /// The gradient terms whose tie tests decide which loops stay scalar, when they are not
    /// <paramref name="terms"/>: the Value kernel takes the ValueAndGradient kernel's, so both
    /// choose the same loops and return the same value bit for bit.
    /// </param>
    public static Kernel Run(ShapedDeclaration decl, Expr body, IReadOnlyList<GradTerm> terms, bool withGradients,
        IReadOnlyList<GradTerm>? tieSource = null)
    {
        var covering = CoveringCandidates(decl, terms);
        while (true)
        {
            var kernel = new Lower(decl, covering).Build(body, terms, withGradients, tieSource ?? terms);
            // The plan assumed the overwriting term writes first; if the schedule put another write
            // to the same buffer before it, fall back to clearing that buffer and accumulating.
            var wrongOrder = FirstWrites(kernel.Body)
                .Where(w => covering.TryGetValue(w.Key, out var t) && t != w.Value)
                .Select(w => w.Key).ToList();
            if (wrongOrder.Count == 0) return kernel;
            foreach (var t in wrongOrder) covering.Remove(t);
        }
    }

    /// <summary>
    /// Whether tied Max/Min reductions record their selected index: only ValueAndGradient reads it.
    /// The Value kernel still takes the same loops (<see cref="tiedExtremes"/> comes from the
    /// gradient terms), and a Max/Min gives the same bits with or without the index beside it.
    /// </summary>
    private bool recordSelections;

    private Kernel Build(Expr body, IReadOnlyList<GradTerm> terms, bool withGradients, IReadOnlyList<GradTerm> tieSource)
    {
        CollectTiedExtremes(tieSource);
        recordSelections = withGradients;
        var root = new Scope(null, null, null, lane: false, masked: false, family: null);
        for (var n = 0; n < terms.Count; n++) root.Pending.Add(new PendingTerm(terms[n], n, 0));
        var result = Eval(root, body);
        ProcessPending(root);
        var differentiable = decl.Tensors.Where(t => t.Kind == ParamKind.Tensor).Select(t => t.Name);
        var cleared = !withGradients ? new List<string>() : differentiable.Where(t => !coveringTerm.ContainsKey(t)).ToList();
        return new Kernel(root.Stmts, AsUniform(result), cleared, scratches);
    }

    /// <summary>
    /// For each gradient buffer, the term that can overwrite it: its indices are exactly its loop
    /// variables (so it writes every element once), and every other term of the buffer writes
    /// only inside the same outermost iteration (the same row), so it can come after.
    /// </summary>
    private static Dictionary<string, int> CoveringCandidates(ShapedDeclaration decl, IReadOnlyList<GradTerm> terms)
    {
        var result = new Dictionary<string, int>();
        foreach (var group in terms.Select((t, id) => (t, id)).GroupBy(x => x.t.Tensor))
        {
            var rank = decl.Tensors.First(t => t.Name == group.Key).Dims.Count;
            var candidate = group.FirstOrDefault(x =>
            {
                var vars = x.t.Index.OfType<VarIx>().Select(v => v.Var).ToList();
                return vars.Count == rank && x.t.Loops.Count == rank && vars.Distinct().Count() == rank
                       && x.t.Loops.All(l => vars.Contains(l.Var));
            });
            if (candidate.t is null) continue;
            var outer = candidate.t.Loops[0].Var;
            var position = candidate.t.Index.ToList().FindIndex(ix => ix is VarIx v && v.Var == outer);
            var othersInRow = group.Where(x => x.id != candidate.id).All(x =>
                x.t.Loops.Count > 0 && x.t.Loops[0].Var == outer
                && x.t.Index[position] is VarIx v && v.Var == outer);
            if (othersInRow) result[group.Key] = candidate.id;
        }
        return result;
    }

    private static Dictionary<string, int> FirstWrites(IEnumerable<Stmt> stmts)
    {
        var first = new Dictionary<string, int>();
        void Walk(IEnumerable<Stmt> list)
        {
            foreach (var s in list)
            {
                if (s is GradWrite w && !first.ContainsKey(w.Tensor)) first[w.Tensor] = w.Term;
                if (s is Compound c) Walk(c.Body);
                if (s is Outlined o) Walk(o.Body);
            }
        }
        Walk(stmts);
        return first;
    }

    private string Fresh(string prefix)
    {
        // Temporaries skip any number that would reuse a user's name (a hyper-parameter called acc1).
        string name;
        do name = prefix + (++counter); while (userNames.Contains(name));
        return name;
    }

    /// <summary>A dimension's extent: its parameter, or the number of a fixed size.</summary>
    private Code DimParam(string dim) => Naming.Extent(decl, dim);

    private static Code Lit(double v) => CodeBuilding.Tx(CSharpText.Literal(v));
}
