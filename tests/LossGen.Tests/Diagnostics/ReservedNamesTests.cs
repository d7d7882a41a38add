using System.Linq;
using LossGen.Compiler.Model;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Diagnostics;

/// <summary>
/// LG0012's list of generated member names is kept beside the emitters, not derived from them, so
/// this test generates each kind of declaration (plain, outlined rows-across kernels, contractions,
/// a regularizer with its penalty, an optimizer) and checks that every member the generated part
/// declares inside the user's struct is one the list refuses as a declaration name.
/// </summary>
public class ReservedNamesTests
{
    [Theory]
    [InlineData("Loss", "static float Define([Shape(\"N\")] Tensor x) => Mean(i => Sqr(x[i]));")]
    [InlineData("Loss", "static float Define([Shape(\"N\", \"C\")] Tensor s, Labels y) => Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);")]
    [InlineData("Loss", "static float Define([Const, Shape(\"N\", \"D\")] Tensor X, [Shape(\"D\", \"C\")] Tensor W, [Shape(\"C\")] Tensor b, Labels y) => Mean(i => LogSumExp(j => Sum(k => X[i, k] * W[k, j]) + b[j]) - Sum(k => X[i, k] * W[k, y[i]]) - b[y[i]]);")]
    [InlineData("Regularizer", "static float Define([Shape(\"P\")] Tensor w, float a = 1f) => a * Sum(k => Abs(w[k]));")]
    [InlineData("Optimizer", "static void Define(ref float w, float g, ref float m, float lr = 0.1f, float beta = 0.9f) { m = beta * m + g; w -= lr * m; }")]
    public void Every_generated_member_of_the_struct_is_a_reserved_declaration_name(string kind, string define)
    {
        var source = $"using LossGen;\nusing static LossGen.Dsl;\n[{kind}]\npublic partial struct Probe\n{{\n    {define}\n}}\n";

        var (output, run) = GeneratorHarness.Generate(source);

        var members = run.GeneratedTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<StructDeclarationSyntax>())
            .Where(s => s.Identifier.Text == "Probe")
            .SelectMany(s => s.Members)
            .Select(m => m switch
            {
                MethodDeclarationSyntax method => method.Identifier.Text,
                BaseTypeDeclarationSyntax type => type.Identifier.Text,
                _ => null,
            })
            .Where(n => n is not null)
            .Distinct()
            .ToList();
        members.ShouldNotBeEmpty();
        foreach (var name in members)
        {
            var collision = kind == "Optimizer"
                ? GeneratedMembers.OptimizerCollisionFor(name!)
                : GeneratedMembers.CollisionFor(name!, kind == "Loss" ? DeclarationKind.Loss : DeclarationKind.Regularizer);
            collision.ShouldNotBeNull($"{name} is generated inside the struct but a declaration may be named {name}");
        }
    }
}
