using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using LossGen.Checking;
using LossGen.Compiler.Passes;

namespace LossGen.Tests.Fuzzing;

/// <summary>One program that the compiler got wrong, with what was checked and what happened.</summary>
internal sealed record FuzzFailure(string Program, string Check, string Detail, string Source)
{
    public override string ToString() => $"{Program} [{Check}] {Detail}\n{Source}";
}

/// <summary>One declaration of a batch: its struct name, its source, and how it spells its parameters.</summary>
internal sealed record FuzzDeclaration(string Name, string Source, FuzzNames Names);

/// <summary>The outcome of a run: how many programs were tried and every failure.</summary>
internal sealed record FuzzReport(int Programs, int Discarded, List<FuzzFailure> Failures)
{
    public int Crashes => Failures.Count(f => f.Check is "crash" or "compile");

    public int Mismatches => Failures.Count - Crashes;

    public override string ToString()
    {
        var sb = new StringBuilder($"{Programs} programs ({Discarded} discarded), {Crashes} crashes, {Mismatches} mismatches");
        foreach (var f in Failures.Take(40)) sb.Append("\n---\n").Append(f);
        return sb.ToString();
    }
}

/// <summary>
/// Differential fuzzing of the compiler: random valid programs are compiled through the real
/// generator, and for each program and a few random shapes and inputs
/// <list type="bullet">
/// <item>the double <c>Value</c> must equal the reference interpreter (<see cref="IrInterpreter"/>)
///   to <see cref="DoubleTolerance"/> of the largest intermediate magnitude;</item>
/// <item>the float <c>Value</c> must equal the interpreter (run on the float-rounded inputs) to
///   <see cref="FloatTolerance"/> of it;</item>
/// <item>the double <c>ValueAndGradient</c> must pass the kink-aware <see cref="GradCheck"/> with
///   its default tolerances, with numeric kink detection and (small inputs) with the compiler's
///   <see cref="IrKinkOracle"/>.</item>
/// </list>
/// </summary>
/// <remarks>
/// <para>
/// <b>Why 1e-10 in double.</b> The kernel and the interpreter evaluate the same expression with
/// different association (vector lanes, hoisting, log-sum-exp in log-softmax form) and different
/// but faithfully rounded exp/log (within an ulp or two). Each operation then contributes at most a
/// few ε = 2.2e-16 of the magnitude of its operands, every operand is bounded by the largest
/// intermediate |v| (M), and the DSL forms the fuzzer uses have derivatives of order one with
/// respect to their arguments (tanh, sigmoid, softplus, log(1 + x²), x/(1 + y²), hinges). A
/// program evaluates at most a few thousand operations, so the two results differ by less than
/// 1e4·ε·M ≈ 2e-12·M; 1e-10·max(1, M) leaves a factor 50 for unlucky cancellation and flags
/// anything a wrong index, sign, or missing term would produce (those are O(M), not O(ε·M)).
/// </para>
/// <para>
/// <b>Why 1e-4 in float.</b> The float kernels compute in float lanes (ε = 6e-8; scalars and
/// the final value are double). With the fuzzer's sizes (at most 17 along a vector, nesting at
/// most four reductions deep) a value passes through at most a few hundred float roundings, each
/// at most ε·M, so the float result is within about 1e-5·M of the interpreter run on the same
/// float-rounded inputs; 1e-4 leaves a factor 10, and a real error (a wrong term) is O(M).
/// </para>
/// </remarks>
internal static class DifferentialRunner
{
    public const double DoubleTolerance = 1e-10;
    public const double FloatTolerance = 1e-4;

    /// <summary>Inputs with more differentiable coordinates than this get a sparse check of this many.</summary>
    private const int SparseAbove = 24;

    /// <summary>Programs whose intermediate values exceed this are discarded: they test overflow, not the compiler.</summary>
    private const double MagnitudeLimit = 1e12;

    public static Gen<GeneratedProgram> Programs(int maxDepth = 4) => DslProgramGen.Program(maxDepth);

    /// <summary>
    /// <paramref name="count"/> programs, the k-th drawn from its own seed (seed + k): FsCheck's
    /// Sample with one Rnd repeats the same draw, and per-program seeds make a failure reproducible alone.
    /// </summary>
    public static GeneratedProgram[] Sample(ulong seed, int count) =>
        Enumerable.Range(0, count).Select(k => Programs().Sample(size: 4, seed: new Rnd(seed + (ulong)k), numberOfSamples: 1)[0]).ToArray();

    /// <summary>
    /// Runs <paramref name="count"/> programs drawn with <paramref name="seed"/>, in batches of
    /// <paramref name="batchSize"/>. With <paramref name="hostile"/>, program k is spelled with hostile
    /// name set k mod 5 (<see cref="FuzzNames.Hostile"/>) and every seventh is named after a DSL
    /// function it does not call.
    /// </summary>
    public static FuzzReport Run(ulong seed, int count, int batchSize = 100, int shapesPerProgram = 3, bool hostile = false)
    {
        var programs = Sample(seed, count);
        var failures = new List<FuzzFailure>();
        var discarded = 0;
        for (var start = 0; start < count; start += batchSize)
        {
            var batch = programs.Skip(start).Take(batchSize)
                .Select((p, k) => Declare(start + k, p, hostile))
                .ToList();
            discarded += RunBatch(batch, seed, shapesPerProgram, failures);
            Progress(new FuzzReport(Math.Min(count, start + batchSize), discarded, failures));
        }
        return new FuzzReport(count, discarded, failures);
    }

    private static readonly string[] DslFunctionNames = { "Sqr", "Relu", "Softplus", "Sigmoid", "Tanh", "Abs", "Sqrt", "Exp" };

    private static FuzzDeclaration Declare(int k, GeneratedProgram program, bool hostile)
    {
        if (!hostile)
            return new FuzzDeclaration("P" + k, new DeclarationText("P" + k, program).ToString(), FuzzNames.Plain);
        // Each hostile program gets a namespace of its own, so DSL-function names can repeat.
        var names = FuzzNames.Hostile[k % FuzzNames.Hostile.Length];
        names = names with { Namespace = names.Namespace + ".N" + k };
        var dslName = DslFunctionNames[k % DslFunctionNames.Length];
        var name = k % 7 == 3 && !program.Body.Contains(dslName + "(") ? dslName : "P" + k;
        return new FuzzDeclaration(name, new DeclarationText(name, program) { Names = names }.ToString(), names);
    }

    /// <summary>A long run appends its running totals to the file named by LOSSGEN_FUZZ_LOG after every batch.</summary>
    private static void Progress(FuzzReport report)
    {
        if (Environment.GetEnvironmentVariable("LOSSGEN_FUZZ_LOG") is not { Length: > 0 } path) return;
        var failed = string.Join(", ", report.Failures.Select(f => $"{f.Program} [{f.Check}]"));
        System.IO.File.AppendAllText(path, $"{DateTime.UtcNow:HH:mm:ss} {report.Programs} programs ({report.Discarded} discarded), "
            + $"{report.Crashes} crashes, {report.Mismatches} mismatches {failed}\n");
    }

    /// <summary>Compiles the given plain-named declarations as one batch and checks each; returns how many were discarded.</summary>
    public static int RunBatch(IReadOnlyList<(string Name, string Source)> programs, ulong seed, int shapesPerProgram, List<FuzzFailure> failures) =>
        RunBatch(programs.Select(p => new FuzzDeclaration(p.Name, p.Source, FuzzNames.Plain)).ToList(), seed, shapesPerProgram, failures);

    /// <summary>Compiles the given declarations as one batch and checks each; returns how many were discarded.</summary>
    public static int RunBatch(IReadOnlyList<FuzzDeclaration> programs, ulong seed, int shapesPerProgram, List<FuzzFailure> failures)
    {
        var usings = programs.All(p => p.Names.IsPlain) ? CompiledBatch.Usings : CompiledBatch.UsingsOnly;
        var source = usings + string.Join("\n", programs.Select(p => p.Source));
        using var compiled = CompiledBatch.Compile(source, load: true);
        var crash = string.Join("\n", compiled.GeneratorCrashes);
        if (crash.Length > 0 || compiled.CompileErrors.Count > 0)
        {
            // One bad program spoils the batch; retry one by one to name it.
            if (programs.Count > 1)
            {
                var discardedInRetry = 0;
                foreach (var p in programs) discardedInRetry += RunBatch(new[] { p }, seed, shapesPerProgram, failures);
                return discardedInRetry;
            }
            failures.Add(new FuzzFailure(programs[0].Name, crash.Length > 0 ? "crash" : "compile",
                crash + string.Join("\n", compiled.CompileErrors.Take(5)), programs[0].Source));
            return 0;
        }

        var analyzerFindings = GeneratorHarnessAnalyze(compiled);
        var discarded = 0;
        foreach (var (name, text, names) in programs)
        {
            if (analyzerFindings.TryGetValue(name, out var finding))
            {
                failures.Add(new FuzzFailure(name, "analyzer", "a valid program was flagged: " + finding, text));
                continue;
            }
            try
            {
                var program = new LoadedProgram(compiled.TypeOf(name, names), compiled.Shaped(name, names), names);
                // string.GetHashCode is randomized per process; the inputs must reproduce from the name.
                var random = new Random(unchecked((int)seed ^ name.Aggregate(17, (h, ch) => h * 31 + ch)));
                var usable = 0;
                for (var shape = 0; shape < shapesPerProgram; shape++)
                {
                    // Small, long rows (wide C), and many short rows, in turn.
                    var inputs = shape % 3 == 2 ? FuzzInputs.DrawManyRows(random) : FuzzInputs.Draw(random, large: shape % 3 == 1);
                    var failure = Check(program, inputs, out var discard);
                    if (discard) continue;
                    usable++;
                    if (failure is null) continue;
                    failures.Add(new FuzzFailure(name, failure.Value.Check, $"{inputs}: {failure.Value.Detail}", text));
                    break;
                }
                if (usable == 0) discarded++;
            }
            catch (Exception e)
            {
                failures.Add(new FuzzFailure(name, "exception", e.ToString(), text));
            }
        }
        return discarded;
    }

    private static Dictionary<string, string> GeneratorHarnessAnalyze(CompiledBatch compiled)
    {
        var result = new Dictionary<string, string>();
        // A valid program must get no LossGen error. Lints (LG03xx warnings and messages) are allowed:
        // the generator draws the written-out Log(Sum(Exp(…))) on purpose, which LG0301 rightly flags,
        // and the numbers below show that a linted program still gets its kernel.
        foreach (var d in Generator.GeneratorHarness.Analyze(compiled.Input)
                     .Where(d => d.Id.StartsWith("LG", StringComparison.Ordinal) && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error))
        {
            var node = d.Location.SourceTree?.GetRoot().FindNode(d.Location.SourceSpan);
            var owner = node?.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.StructDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "?";
            result.TryAdd(owner, d.ToString());
        }
        return result;
    }

    /// <summary>The three checks of one program on one input; null when all pass.</summary>
    public static (string Check, string Detail)? Check(LoadedProgram program, FuzzInputs inputs, out bool discard)
    {
        discard = false;
        var (expected, magnitude) = IrInterpreter.Evaluate(program.Shaped, inputs.ForInterpreter(program.BetaDefault, program.Names));
        if (!double.IsFinite(expected) || !(magnitude <= MagnitudeLimit))
        {
            discard = true;
            return null;
        }

        var actual = program.ValueDouble(inputs);
        var scale = Math.Max(1, magnitude);
        if (!(Math.Abs(actual - expected) <= DoubleTolerance * scale))
            return ("value", $"double Value {actual:R}, interpreter {expected:R} (max |intermediate| {magnitude:G3})");

        var rounded = inputs.RoundedToFloat();
        var (expectedF, magnitudeF) = IrInterpreter.Evaluate(program.Shaped, rounded.ForInterpreter(program.BetaDefault, program.Names));
        var actualF = program.ValueFloat(inputs);
        if (double.IsFinite(expectedF) && !(Math.Abs(actualF - expectedF) <= FloatTolerance * Math.Max(1, magnitudeF)))
            return ("float", $"float Value {actualF:R}, interpreter on float inputs {expectedF:R} (max |intermediate| {magnitudeF:G3})");

        // Large shapes check a seeded sample of coordinates (every block is still hit often over
        // many programs); small ones check every coordinate.
        var x = inputs.Differentiable();
        var report = x.Length > SparseAbove
            ? GradCheck.CheckSparse(program.Function(inputs), x, SparseAbove, inputs.Layout())
            : GradCheck.Check(program.Function(inputs), x, inputs.Layout());
        if (!report.Passed)
            return ("gradient", report.ToString());

        // The compiler's kink oracle must never fail a gradient the numeric detection passes. It
        // evaluates every kink argument per coordinate, so only a quarter of the programs (small
        // inputs) take this second check.
        if (x.Length <= SparseAbove && program.Shaped.Model.TypeName.Sum(ch => ch) % 4 == 0)
        {
            var oracle = new IrKinkOracle(program.Shaped, inputs, program.BetaDefault, program.Names);
            var withOracle = GradCheck.Check(program.Function(inputs), x, inputs.Layout(), new GradCheckOptions { KinkOracle = oracle });
            if (!withOracle.Passed)
                return ("oracle", withOracle.ToString());
        }
        return null;
    }
}
