extern alias GeneratorAssembly;

using System;
using System.Collections.Generic;
using System.Linq;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using LossGenGenerator = GeneratorAssembly::LossGen.Generator.LossGenGenerator;

namespace LossGen.Tests.Caching;

/// <summary>
/// A small user project for the caching tests: one file holding two declarations of each kind
/// (so an edit in one shifts the positions of those below it), a second file with one more of
/// each, and a file with no declaration at all. The generator runs once on it with its steps
/// tracked; a test then edits a file and runs the same driver again, as the IDE does per keystroke.
/// </summary>
internal sealed class CachingProject
{
    public const int DeclarationsFile = 0;
    public const int OtherDeclarationsFile = 1;
    public const int UnrelatedFile = 2;

    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Demo;\n\n";

    /// <summary>The text every edit "above a declaration" is inserted before: the file's first declaration.</summary>
    public const string FirstDeclaration = "[Loss]\npublic partial struct Svm";

    private static readonly string[] Sources =
    {
        Usings + """
        [Loss]
        public partial struct Svm
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
                => Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)));
        }

        [Loss]
        public partial struct Softmax
        {
            static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
                => Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
        }

        [Regularizer]
        public partial struct Ridge
        {
            static float Define([Shape("P")] Tensor w, float scale = 1f) => Sum(k => scale * Sqr(w[k]));
        }

        [Regularizer]
        public partial struct ElasticNet
        {
            static float Define([Shape("P")] Tensor w, float beta = 0.5f) => Sum(k => beta * Sqr(w[k]) + Abs(w[k]));
        }

        [Optimizer]
        public partial struct Momentum
        {
            static void Define(ref float w, float g, ref float v, float lr = 0.01f, float rho = 0.9f)
            {
                v = rho * v + g;
                w -= lr * v;
            }
        }

        [Optimizer]
        public partial struct Adam
        {
            static void Define(ref float w, float g, ref float m, ref float v, Step t,
                               float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
            {
                m = beta1 * m + (1 - beta1) * g;
                v = beta2 * v + (1 - beta2) * g * g;
                w -= lr * (m / (1 - Pow(beta1, t))) / (Sqrt(v / (1 - Pow(beta2, t))) + eps);
            }
        }
        """,
        Usings + """
        [Loss]
        public partial struct Squared
        {
            static float Define([Shape("N")] Tensor p, [Const, Shape("N")] Tensor t) => Mean(i => Sqr(p[i] - t[i]));
        }

        [Regularizer]
        public partial struct Lasso
        {
            static float Define([Shape("P")] Tensor w) => Sum(k => Abs(w[k]));
        }

        [Optimizer]
        public partial struct Sgd
        {
            static void Define(ref float w, float g, float lr = 0.1f) => w -= lr * g;
        }
        """,
        "namespace Demo;\n\npublic static class Helpers\n{\n    public static int Count() => 1;\n}\n",
    };

    /// <summary>The full names each compile step has one output for: <see cref="LossGenGenerator.CompileStep"/> compiles losses and regularizers alike.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Compiled = new Dictionary<string, string[]>
    {
        [LossGenGenerator.CompileStep] = new[] { "Demo.Svm", "Demo.Softmax", "Demo.Ridge", "Demo.ElasticNet", "Demo.Squared", "Demo.Lasso" },
        [LossGenGenerator.CompilePenaltyStep] = new[] { "Demo.Ridge", "Demo.ElasticNet", "Demo.Lasso" },
        [LossGenGenerator.CompileOptimizerStep] = new[] { "Demo.Momentum", "Demo.Adam", "Demo.Sgd" },
    };

    public Compilation Compilation { get; private set; }

    public GeneratorDriver Driver { get; private set; }

    public CachingProject()
    {
        Compilation = GeneratorHarness.Compilation(Sources);
        Driver = GeneratorHarness.Driver(trackSteps: true).RunGenerators(Compilation);
        // The first run must really have compiled everything, or the second proves nothing.
        foreach (var (step, names) in Compiled)
            if (!Reasons(step).Keys.OrderBy(n => n).SequenceEqual(names.OrderBy(n => n)))
                throw new InvalidOperationException($"{step} did not run once for each of {string.Join(", ", names)}.");
    }

    /// <summary>Replaces one file's text and runs the generator again with the same driver.</summary>
    public void Edit(int file, Func<string, string> change)
    {
        var tree = Compilation.SyntaxTrees.ElementAt(file);
        var before = tree.GetText().ToString();
        var after = change(before);
        if (after == before) throw new InvalidOperationException("The edit changed nothing.");
        Compilation = Compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(after)));
        Driver = Driver.RunGenerators(Compilation);
    }

    /// <summary>Why each declaration's output of <paramref name="step"/> was produced in the last run, by the declaration's full name.</summary>
    public IReadOnlyDictionary<string, IncrementalStepRunReason> Reasons(string step) =>
        Driver.GetRunResult().Results.Single().TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            // Every compile step returns the generator's private Compiled record, named by the declaration.
            .ToDictionary(o => (string)o.Value.GetType().GetProperty("Name")!.GetValue(o.Value)!, o => o.Reason);
}
