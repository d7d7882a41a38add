using System;
using System.Collections.Generic;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// Ways to break a valid declaration while keeping it valid C# (so only LossGen can object), each
/// with the diagnostic LossGen must report. Applied to random valid programs, they put the broken
/// construct in random surroundings.
/// </summary>
internal static class Mutations
{
    public sealed record Mutation(string Name, string ExpectedId, Func<DeclarationText, DeclarationText> Apply);

    private static string R(DeclarationText d) => d.Result ?? d.Program.Result;

    public static readonly IReadOnlyList<Mutation> All = new Mutation[]
    {
        new("not partial", "LG0002", d => d with { Modifiers = "public struct" }),
        new("no Define", "LG0001", d => d with { DefineHead = "static float Definition" }),
        new("Define not static", "LG0001", d => d with { DefineHead = "float Define" }),
        new("Define returns int", "LG0001", d => d with { DefineHead = "static int Define", Result = $"(int)({R(d)})" }),
        new("string parameter", "LG0003", d => d with { ExtraParameters = ", string tag = \"x\"" }),
        new("statement", "LG0004", d => d with { ExtraStatements = "if (alpha > 0) { }\n" }),
        new("assignment", "LG0004", d => d with { ExtraStatements = "alpha = 2f;\n" }),
        new("modulo", "LG0005", d => d with { Result = $"{R(d)} % 2f" }),
        new("field", "LG0005", d => d with { Result = $"{R(d)} * Scale", ExtraMembers = "    static float Scale = 2f;\n" }),
        new("block lambda", "LG0005", d => d with { Result = $"{R(d)} + Sum(q => {{ return u[q]; }})" }),
        new("helper method", "LG0006", d => d with { Result = $"{R(d)} + Sum(q => u[q] * Helper(q))", ExtraMembers = "    static float Helper(IndexVar q) => 0f;\n" }),
        new("Math function", "LG0006", d => d with { Result = $"System.MathF.Abs({R(d)})" }),
        // A hyper-parameter exponent (alpha) is allowed; a tensor element is not.
        new("non-constant exponent", "LG0007", d => d with { Result = $"{R(d)} + Sum(q => Pow(1f + Sqr(u[q]), u[q]))" }),
        new("empty shape", "LG0008", d => d with { Signature = d.Signature.Replace("[Shape(\"D\")] Tensor w", "[Shape()] Tensor w") }),
        new("bad dimension name", "LG0008", d => d with { Signature = d.Signature.Replace("[Shape(\"D\")] Tensor w", "[Shape(\"1D\")] Tensor w") }),
        new("rank", "LG0101", d => d with { Result = $"{R(d)} + Sum(q => u[q, q])" }),
        new("comprehension rank", "LG0101", d => d with { ExtraStatements = "var bad = Tensor.Of(p => u[p]);\n", Result = $"{R(d)} + Sum(q => bad[q, q])" }),
        new("dimension", "LG0102", d => d with { Result = $"{R(d)} + Sum(q => u[q] * b[q])" }),
        new("unbound index", "LG0103", d => d with { Result = $"{R(d)} + Sum(q => 1f)" }),
        new("label class", "LG0104", d => d with { Result = $"{R(d)} + Sum(q => w[y[q]] + b[y[q]])" }),
    };
}
