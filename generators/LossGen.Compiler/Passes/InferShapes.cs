using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Diagnostics;
using LossGen.Compiler.Ir;
using LossGen.Compiler.Model;
using LossGen.Compiler.Shapes;

namespace LossGen.Compiler.Passes;

/// <summary>
/// Shapes: infers the dimension every index variable ranges over and every unannotated tensor
/// axis, by unifying the slots an index is used in (union-find), and checks them against the
/// [Shape] annotations. Errors are returned as data naming the exact index that causes them
/// (by its place in the model, which has no positions: see <see cref="ShapeError"/>).
/// </summary>
internal static class InferShapes
{
    public static (ShapedDeclaration? Result, IReadOnlyList<ShapeError> Errors) Run(DeclarationModel model)
    {
        var errors = new List<ShapeError>();
        var uf = new UnionFind();
        var paramsByName = model.Parameters.Where(p => p.IsTensor).ToDictionary(p => p.Name);
        // Messages name index variables as the user wrote them, not by their unique internal names.
        var written = new Dictionary<string, string>();
        foreach (var v in model.IndexVars) written[v.Var] = v.Written;
        string IxText(Ix ix) => ix switch
        {
            VarIx v => written.TryGetValue(v.Var, out var w) ? w : v.Var,
            LabelIx l => l.Labels + "[" + string.Join(", ", l.Indices.Select(IxText)) + "]",
            ConstIx c => c.Value.ToString(),
            _ => "?",
        };

        // Declared dimensions are rigid names; unannotated axes start as free slots.
        foreach (var p in paramsByName.Values)
            for (var axis = 0; axis < p.DeclaredDims.Count; axis++)
                uf.Name(Slot(p.Name, axis), p.DeclaredDims[axis]);

        // Index variables of a site with the wrong rank are never unified; they are not also
        // reported as unbound, which would bury the one real error under consequences of it.
        var inRankErrors = new HashSet<string>();
        for (var n = 0; n < model.Sites.Count; n++)
        {
            var site = model.Sites[n];
            if (!paramsByName.TryGetValue(site.Tensor, out var p)) continue;
            var rank = p.DeclaredDims.Count > 0 ? p.DeclaredDims.Count : p.Rank;
            if (site.Indices.Count != rank)
            {
                foreach (var v in site.Indices.OfType<VarIx>()) inRankErrors.Add(v.Var);
                errors.Add(ShapeError.Create(Descriptors.RankMismatch, ShapeErrorPlace.Site, n, 0, p.Name, rank.ToString(),
                    ShapeText(p.Name, rank, uf), site.Indices.Count.ToString(), site.Indices.Count == 1 ? "index" : "indices"));
                continue;
            }
            for (var axis = 0; axis < rank; axis++)
            {
                var ix = site.Indices[axis];
                var key = ix switch { VarIx v => VarKey(v.Var), LabelIx l => ClassKey(l.Labels), _ => null };
                if (key is null) continue;
                var before = uf.NameOf(key);
                if (!uf.Union(key, Slot(p.Name, axis), out var clash))
                {
                    var indexText = string.Join(", ", site.Indices.Select(IxText));
                    errors.Add(ix is LabelIx lab
                        ? ShapeError.Create(Descriptors.LabelDimensionMismatch, ShapeErrorPlace.SiteIndex, n, axis, lab.Labels, clash.Right, clash.Left)
                        : ShapeError.Create(Descriptors.DimensionMismatch, ShapeErrorPlace.SiteIndex, n, axis, p.Name,
                            ShapeText(p.Name, rank, uf), indexText, IxText(ix), before ?? clash.Left));
                }
            }
        }

        // j == y[i]: the labels' values range over j's dimension, so that must be their class
        // dimension. A comparison is also what binds labels that never index a tensor, so their
        // values are still checked against the class dimension at run time.
        for (var n = 0; n < model.LabelCompares.Count; n++)
        {
            var compare = model.LabelCompares[n];
            var before = uf.NameOf(VarKey(compare.Var));
            var classBefore = uf.NameOf(ClassKey(compare.Labels));
            if (!uf.Union(VarKey(compare.Var), ClassKey(compare.Labels), out _))
                errors.Add(ShapeError.Create(Descriptors.LabelComparedAcrossDimensions, ShapeErrorPlace.LabelCompare, n, 0,
                    compare.Labels, written.TryGetValue(compare.Var, out var w) ? w : compare.Var, before!, classBefore!));
        }

        for (var n = 0; n < model.IndexVars.Count; n++)
        {
            var v = model.IndexVars[n];
            if (!uf.IsBound(VarKey(v.Var)) && !inRankErrors.Contains(v.Var))
                errors.Add(ShapeError.Create(Descriptors.UnboundIndexRange, ShapeErrorPlace.IndexVar, n, 0, v.Written));
        }

        if (errors.Count > 0 || model.Body is null) return (null, errors);

        string DimOf(string key) => uf.NameOf(key) ?? uf.FallbackName(key);

        var tensors = model.Parameters.Where(p => p.IsTensor).Select(p =>
        {
            var rank = p.DeclaredDims.Count > 0 ? p.DeclaredDims.Count : p.Rank;
            return new TensorShape(p.Name, p.Kind, Enumerable.Range(0, rank).Select(a => DimOf(Slot(p.Name, a))).ToEquatableArray());
        }).ToEquatableArray();

        // A fixed size ([Shape("N", "2")]) is a number in the generated code, not a parameter.
        var dims = tensors.SelectMany(t => t.Dims).Where(d => !DimNames.IsFixed(d)).Distinct().ToEquatableArray();
        var labels = tensors.Where(t => t.Kind == ParamKind.Labels && uf.IsBound(ClassKey(t.Name)))
            .Select(t => new LabelBinding(t.Name, DimOf(ClassKey(t.Name)))).ToEquatableArray();
        var body = ExprWalk.Rewrite(model.Body, e => e is Reduce r ? r with { Dim = DimOf(VarKey(r.Var)) } : e);
        return (new ShapedDeclaration(model, body, tensors, dims, labels), errors);
    }

    private static string Slot(string tensor, int axis) => tensor + "#" + axis;
    private static string VarKey(string v) => "var:" + v;
    private static string ClassKey(string labels) => "class:" + labels;

    private static string ShapeText(string tensor, int rank, UnionFind uf) =>
        "[" + string.Join(", ", Enumerable.Range(0, rank).Select(a => uf.NameOf(Slot(tensor, a)) ?? "?")) + "]";

    /// <summary>Union-find over dimension slots; a class may carry one declared (rigid) name.</summary>
    private sealed class UnionFind
    {
        private readonly Dictionary<string, string> parent = new();
        private readonly Dictionary<string, string> names = new();
        private readonly Dictionary<string, string> firstSlot = new();

        public bool Has(string key) => parent.ContainsKey(key);

        /// <summary>Whether the key's class reaches a tensor axis or a declared name, so its extent is known.</summary>
        public bool IsBound(string key) => Has(key) && (NameOf(key) is not null || firstSlot.ContainsKey(Find(key)));

        private string Find(string key)
        {
            if (!parent.TryGetValue(key, out var p)) { parent[key] = key; return key; }
            if (p == key) return key;
            var root = Find(p);
            parent[key] = root;
            return root;
        }

        public void Name(string key, string name) => names[Find(key)] = name;

        public string? NameOf(string key) => Has(key) && names.TryGetValue(Find(key), out var n) ? n : null;

        /// <summary>An unannotated dimension is named after the first axis it was seen on: sDim1.</summary>
        public string FallbackName(string key)
        {
            var root = Find(key);
            var slot = firstSlot.TryGetValue(root, out var s) ? s : parent.Keys.First(k => Find(k) == root && k.Contains("#"));
            var hash = slot.IndexOf('#');
            return slot.Substring(0, hash) + "Dim" + slot.Substring(hash + 1);
        }

        public bool Union(string a, string b, out (string Left, string Right) clash)
        {
            clash = default;
            var ra = Find(a);
            var rb = Find(b);
            if (b.Contains("#") && !firstSlot.ContainsKey(rb)) firstSlot[rb] = b;
            if (ra == rb) return true;
            // The merged class keeps the axis seen first (a's class existed before this use).
            var earliest = firstSlot.TryGetValue(ra, out var fromA) ? fromA : firstSlot.TryGetValue(rb, out var fromB) ? fromB : null;
            names.TryGetValue(ra, out var na);
            names.TryGetValue(rb, out var nb);
            if (na is not null && nb is not null && na != nb)
            {
                clash = (na, nb);
                return false;
            }
            parent[ra] = rb;
            if (nb is null && na is not null) names[rb] = na;
            if (earliest is not null) firstSlot[rb] = earliest;
            return true;
        }
    }
}
