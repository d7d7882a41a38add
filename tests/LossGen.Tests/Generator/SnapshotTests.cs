using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>
/// Approval tests of the generated code: it is part of the product, so any change to it is
/// reviewed as a diff of the approved file (Generator/Approved/*.approved.cs).
/// </summary>
public class SnapshotTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Demo;\n";

    public static TheoryData<string, string> Declarations => new()
    {
        { "Svm", Usings + """
            [Loss]
            public partial struct Svm
            {
                static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
                    => Mean(i => Sum(j => j == y[i] ? 0f : Max(0f, s[i, j] - s[i, y[i]] + delta)));
            }
            """ },
        { "Softmax", Usings + """
            [Loss]
            public partial struct Softmax
            {
                static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y)
                    => Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
            }
            """ },
        { "Huber", Usings + """
            [Loss]
            public partial struct Huber
            {
                static float Define([Const] Tensor X, Tensor w, [Const] Tensor t, float delta = 1f)
                {
                    var r = Tensor.Of(i => Sum(k => X[i, k] * w[k]) - t[i]);
                    return Mean(i => Abs(r[i]) <= delta ? 0.5f * Sqr(r[i]) : delta * (Abs(r[i]) - 0.5f * delta));
                }
            }
            """ },
        // Crammer–Singer multiclass hinge: a Max reduction whose gradient goes to the element the
        // forward loop selected (the recorded index, not a re-test of equality).
        { "CrammerSinger", Usings + """
            [Loss]
            public partial struct CrammerSinger
            {
                static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float delta = 1f)
                    => Mean(i => Max(j => s[i, j] + (j == y[i] ? 0f : delta)) - s[i, y[i]]);
            }
            """ },
        { "LinearSoftmax", Usings + """
            [Loss]
            public partial struct LinearSoftmax
            {
                static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b,
                                    [Shape("N")] Labels y, float lambda = 1e-3f)
                {
                    var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]) + b[j]);
                    return Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]) + lambda * Sum((k, j) => Sqr(W[k, j]));
                }
            }
            """ },
        { "PairwiseDistances", Usings + """
            [Loss]
            public partial struct PairwiseDistances
            {
                // numpy style: the (N, M) squared distances, used whole and in index notation.
                static float Define([Shape("N", "D")] Tensor X, [Shape("M", "D")] Tensor Y)
                {
                    var d2 = Sum(X * X, axis: 1, keepDims: true) + Sum(Y * Y, axis: 1, keepDims: true).T - 2 * MatMul(X, Y.T);
                    return Sum(Sqrt(d2 + 1)) + Mean(i => LogSumExp(j => -d2[i, j]));
                }
            }
            """ },
        // Focal loss with γ read at run time: x^γ as exp(γ·log x) in lanes with 0^γ at x = 0, its
        // derivative γ·x^(γ−1) zero when γ = 0 (docs/subgradients.md).
        { "FocalGamma", Usings + """
            [Loss]
            public partial struct FocalGamma
            {
                static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float gamma = 2f)
                {
                    var logp = Tensor.Of(i => s[i, y[i]] - LogSumExp(j => s[i, j]));
                    return Mean(i => -Pow(1f - Exp(logp[i]), gamma) * logp[i]);
                }
            }
            """ },
        { "CenteredColumn", Usings + """
            [Loss]
            public partial struct CenteredColumn
            {
                // A "1" axis broadcasts; mu has no [Shape] and takes X's, checked at run time.
                static float Define([Shape("N", "D")] Tensor X, [Shape("N", "1")] Tensor c, Tensor mu) => Sum(Sqr(X - c - mu));
            }
            """ },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Generated_code_matches_the_approved_snapshot(string name, string source)
    {
        var (output, run) = GeneratorHarness.Generate(source);

        // The generated code must compile without a single warning.
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ShouldBeEmpty();
        GeneratorHarness.GeneratedSource(run, name).ShouldMatchApproved(c => c
            .WithDiscriminator(name)
            .SubFolder("Approved")
            .WithFileExtension(".cs")
            .NoDiff());
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var source = Declarations.Select(d => (string)d[1]).First();
        var first = GeneratorHarness.GeneratedSource(GeneratorHarness.Generate(source).Run, "Svm");
        var second = GeneratorHarness.GeneratedSource(GeneratorHarness.Generate(source).Run, "Svm");
        second.ShouldBe(first);
    }
}
