using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Emit;

/// <summary>
/// Emit for the threads of an optimizer step: <c>StepKernelInParts</c>, which the public Step calls,
/// runs <c>StepKernel</c> on the calling thread for a small step and otherwise cuts the weights into
/// chunks of whole vectors and hands a <c>StepKernelParts</c> job to the runtime's workers. An
/// element's update reads and writes only that element, so the result is the same bits however the
/// weights are cut. The job is a ref struct holding the spans, so it lives on the caller's stack and
/// nothing is allocated.
/// </summary>
internal static class StepInPartsEmitter
{
    public static void Write(CodeWriter w, OptimizerEmitter step, bool fused)
    {
        var model = step.Model;
        var t = step.Element;
        var names = step.Names;
        var step0 = OptimizerEmitter.StepName(model);
        var taken = new HashSet<string>(model.Parameters.Select(p => CSharpNames.Bare(p.Name)))
            { CSharpNames.Bare(step0), "V", t, OptimizerEmitter.InParts, OptimizerEmitter.PartsJob, "Run" };
        if (fused) { taken.Add(step.Regularizer); taken.Add(step.RegularizerType); }
        string Fresh(string name)
        {
            while (taken.Contains(name)) name += "_";
            taken.Add(name);
            return name;
        }

        // The kernel's parameters in order, each with its type and the job field that carries it.
        var spans = new List<(string Type, string Name)> { ($"Span<{t}>", step.Weight.Name), ($"ReadOnlySpan<{t}>", step.Gradient.Name) };
        spans.AddRange(step.States.Select(s => ($"Span<{t}>", s.Name)));
        var scalars = new List<(string Type, string Name)> { ("long", step0) };
        if (fused) scalars.Add((step.RegularizerType, step.Regularizer));
        scalars.AddRange(step.Hypers.Select(h => ("double", h.Name)));
        var all = spans.Concat(scalars).ToList();
        // A field may not be named Run (the job's method) or like the job itself.
        var field = all.ToDictionary(p => p.Name,
            p => CSharpNames.Bare(p.Name) is "Run" or OptimizerEmitter.PartsJob ? Fresh(CSharpNames.Bare(p.Name)) : p.Name);
        string parts = Fresh("parts"), job = Fresh("job"), chunk = Fresh("chunk");
        string part = Fresh("part"), start = Fresh("start"), length = Fresh("length");

        var typeParameters = KernelAttributes.TypeParameters(t, fused ? step.RegularizerType : null);
        var typeArguments = typeParameters;
        var constraints = KernelAttributes.Constraints(t).ToList();
        if (fused) constraints.Add($"where {step.RegularizerType} : struct, LossGen.Optimization.IElementwiseRegularizer<{t}>");
        var kernel = names.Own("StepKernel") + typeArguments;
        var steps = names.Runtime("ParallelSteps");

        w.Line("/// <summary>");
        w.Line($"/// StepKernel on this thread for a small step; for a large one, in chunks of whole vectors on up to");
        w.Line("/// LossGen.Parallelism.CurrentDegree threads. Each element's update is the same whichever thread runs it.");
        w.Line("/// </summary>");
        w.Line($"private static void {OptimizerEmitter.InParts}{typeParameters}({string.Join(", ", all.Select(p => p.Type + " " + p.Name))})");
        foreach (var constraint in constraints) w.Line("    " + constraint);
        w.Open("");
        w.Line($"int {parts} = {steps}.Parts<V, {t}>({step.Weight.Name}.Length);");
        w.Open($"if ({parts} == 1)");
        w.Line($"{kernel}({string.Join(", ", all.Select(p => p.Name))});");
        w.Line("return;");
        w.Close();
        w.Line($"var {job} = new {OptimizerEmitter.PartsJob}{typeArguments}");
        w.Line("{");
        foreach (var p in all) w.Line($"    {field[p.Name]} = {p.Name},");
        w.Line($"    {chunk} = {steps}.Chunk<V, {t}>({step.Weight.Name}.Length, {parts}),");
        w.Line("};");
        w.Line($"{steps}.Run(ref {job}, {parts});");
        w.Close();
        w.Line();

        w.Line($"/// <summary>The chunks of one step, for the workers: chunk <c>part</c> is elements [part·{chunk}, (part + 1)·{chunk}).</summary>");
        w.Line($"private ref struct {OptimizerEmitter.PartsJob}{typeParameters} : global::LossGen.CompilerServices.IParallelParts");
        foreach (var constraint in constraints) w.Line("    " + constraint);
        w.Open("");
        foreach (var p in all) w.Line($"public {p.Type} {field[p.Name]};");
        w.Line($"public int {chunk};");
        w.Line();
        w.Open($"public void Run(int {part})");
        w.Line($"int {start} = {part} * {chunk};");
        w.Line($"int {length} = global::System.Math.Min({chunk}, {field[step.Weight.Name]}.Length - {start});");
        w.Line("// Chunks are rounded up to whole vectors, so with many threads the last ones can be empty.");
        w.Line($"if ({length} <= 0) return;");
        var arguments = spans.Select(p => $"{field[p.Name]}.Slice({start}, {length})").Concat(scalars.Select(p => field[p.Name]));
        w.Line($"{kernel}({string.Join(", ", arguments)});");
        w.Close();
        w.Close();
    }
}
