using Microsoft.CodeAnalysis;
using Xunit;

namespace LossGen.Tests.Generator;

/// <summary>
/// A contraction written in index notation and as MatMul reads into the same IR, so it must give
/// the same generated code, byte for byte, and that code must call the blocked contraction kernels.
/// </summary>
public class ContractionFormTests
{
    private const string Usings = "using LossGen;\nusing static LossGen.Dsl;\nnamespace Demo;\n";

    private static string Generate(string body)
    {
        var source = Usings + """
            [Loss]
            public partial struct Model
            {
                static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D", "C")] Tensor W, [Shape("C")] Tensor b, [Shape("N")] Labels y)
                {
            """ + body + """

                }
            }
            """;
        var (output, run) = GeneratorHarness.Generate(source);
        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
        return GeneratorHarness.GeneratedSource(run, "Model");
    }

    [Fact]
    public void Index_notation_and_MatMul_generate_identical_code_that_calls_the_contraction_kernels()
    {
        var indexed = Generate("""
                    var s = Tensor.Of((i, j) => Sum(k => X[i, k] * W[k, j]));
                    return Mean(i => LogSumExp(j => s[i, j] + b[j]) - (s[i, y[i]] + b[y[i]]));
            """);
        var matMul = Generate("""
                    var s = MatMul(X, W);
                    return Mean(i => LogSumExp(j => s[i, j] + b[j]) - (s[i, y[i]] + b[y[i]]));
            """);
        Assert.Equal(indexed, matMul);
        Assert.Contains("Contraction.Product<V, T>(X, d, 1, W, c, 1, XW, n, c, d);", indexed);
        // The gradient kernel follows the batch's row indices into X, which the objective passes whole,
        // and the right gradient reads the batch the product gathered.
        Assert.Contains("ReadOnlySpan<T> XBatch = Contraction.Product<V, T>(X, batchRows, d, W, c, 1, XW, n, c, d, XBatchArray);", indexed);
        Assert.Contains("Contraction.AddRightGradient<V, T>(XBatch, d, 1, dXW, dW, c, 1, n, c, d);", indexed);
        Assert.DoesNotContain("AddLeftGradient", indexed);
    }

    [Fact]
    public void A_contraction_read_only_at_the_labels_stays_a_loop()
    {
        // Only s[i, y[i]] is needed: N·D work, so computing all N·C products would be a loss.
        var code = Generate("""
                    return Mean(i => Sum(k => X[i, k] * W[k, y[i]]) + b[y[i]]);
            """);
        Assert.DoesNotContain("Contraction.", code);
    }
}
