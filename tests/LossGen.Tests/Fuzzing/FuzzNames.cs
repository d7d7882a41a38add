using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// The names a fuzz declaration gives its tensors, labels and hyper-parameters, and where it is
/// declared. Programs are generated with the plain names (s, u, b, w, X, y, alpha, beta); a hostile
/// set renames them token by token (through Roslyn, not text) to names the generated code itself
/// uses or that C# only allows verbatim, and puts the declaration in a keyword namespace inside a
/// partial class, so every program also checks the compiler's name hygiene.
/// </summary>
internal sealed record FuzzNames(
    string S, string U, string B, string W, string X, string Y, string Alpha, string Beta,
    string? Namespace = null, string? Class = null)
{
    public static readonly FuzzNames Plain = new("s", "u", "b", "w", "X", "y", "alpha", "beta");

    /// <summary>
    /// The hostile sets: keywords; the generated gradient and dimension names of the other
    /// parameters; lane, runtime and local names of generated code; temporaries and loop-variable
    /// look-alikes; Unicode. None may equal an index variable of the generated body (i1, j2x, …)
    /// or a local (t0, m0), which C# itself would reject as a redeclaration.
    /// </summary>
    public static readonly ImmutableArray<FuzzNames> Hostile = ImmutableArray.Create(
        new FuzzNames("@class", "@in", "@float", "@int", "@fixed", "@ref", "@double", "@checked", "Fuzz.@event", "@public"),
        new FuzzNames("du", "ds", "dw", "db", "n", "c", "d", "dX", "Fuzz.Inner.Deeper", "Host"),
        new FuzzNames("Math", "Span", "Value", "V", "Guard", "F512", "Validate", "value", "Fuzz.@namespace", "@partial"),
        new FuzzNames("ValueKernel", "D128", "ILanes", "Scalar", "ValueAndGradientKernel", "F1", "result", "BufferGuard", "Fuzz.Lanes", "Kernels"),
        new FuzzNames("acc1", "row2", "tile3", "x4", "rem_0", "label5", "g6", "o7", "Fuzz.@int.@float", "@static"),
        new FuzzNames("σ", "ü", "β", "ω", "Ξ", "ý", "α", "λ", "Fuzz.Ünïcödé", "Κλάση"));

    public bool IsPlain => this == Plain;

    /// <summary>The four differentiable tensors in flat-span order, as spelled.</summary>
    public string[] Differentiable => new[] { S, U, B, W };

    /// <summary>The bare name of a spelling, as reflection and nameof see it (@class → class).</summary>
    public static string Bare(string spelling) => spelling.TrimStart('@');

    /// <summary>The reflection name of a declaration <paramref name="name"/> declared with these names.</summary>
    public string TypeName(string name) =>
        Namespace is null ? "Fuzz." + name : Bare(string.Join(".", Namespace.Split('.').Select(Bare))) + "." + Bare(Class!) + "+" + name;

    /// <summary>The plain-named declaration text with every plain name replaced by its spelling here, and wrapped in the container.</summary>
    public string Apply(string declaration)
    {
        if (IsPlain) return declaration;
        var map = new Dictionary<string, string>
        {
            [Plain.S] = S, [Plain.U] = U, [Plain.B] = B, [Plain.W] = W, [Plain.X] = X, [Plain.Y] = Y, [Plain.Alpha] = Alpha, [Plain.Beta] = Beta,
        };
        var root = CSharpSyntaxTree.ParseText(declaration).GetRoot();
        var renamed = root.ReplaceTokens(
            root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && map.ContainsKey(t.ValueText)),
            (t, _) => SyntaxFactory.ParseToken(map[t.ValueText]).WithTriviaFrom(t));
        return $"namespace {Namespace}\n{{\npublic partial class {Class}\n{{\n{renamed.ToFullString()}}}\n}}\n";
    }
}
