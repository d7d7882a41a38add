// Where the LossGen analyzer's and generator's time goes, on the project benchmarks/build-cost/run.sh
// generates (its src/ folder). The build's -p:ReportAnalyzer=true gives one number per analyzer;
// this runs the same analyzer in-process, several times (the first run includes the JIT), and
// times each stage of it on its own:
//
//   dotnet run -c Release --project benchmarks/analyzer-cost -- /tmp/lossgen-build-cost/src [runs]
//
// 1. the generator (GeneratorDriver), whose output compilation the analyzer then sees, as in a build,
//    with the time of each tracked step (LossGen.Read, LossGen.Compile, …);
//    with PARSE=1, the generated files are then parsed on their own (a build parses them lazily,
//    in whatever first needs the compilation's declarations);
// 2. the analyzer through CompilationWithAnalyzers with execution-time logging (what ReportAnalyzer
//    reports), concurrent and sequential, and each of its actions timed by TimingAnalyzer, in wall
//    and in thread CPU time (on a loaded machine the wall time also counts waiting for a core);
// 3. the analyzer's stages by hand on a fresh compilation per run (fresh semantic models, so the
//    first stage that binds a body pays for binding it): the declaration symbol and part, Parse,
//    Shapes, and each lint;
// 4. the generator's Compile step in CPU time, its front passes (Shapes to ExtractContractions)
//    apart from Lower and Emit.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using LossGen.Analyzers;
using LossGen.Analyzers.Lints;
using LossGen.Compiler.Model;
using LossGen.Compiler.Parse;
using LossGen.Compiler.Passes;
using LossGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

var src = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "lossgen-build-cost", "src");
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
var runtime = Path.Combine(root, "src/LossGen/bin/Release/net10.0/LossGen.dll");
if (!File.Exists(runtime)) { Console.Error.WriteLine($"missing {runtime}: dotnet build src/LossGen -c Release"); return 1; }

var parse = new CSharpParseOptions(LanguageVersion.Latest);
var files = Directory.GetFiles(src, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToList();
var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f)).ToList();
var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
    .Where(p => Path.GetFileName(p) is var n && (n.StartsWith("System.", StringComparison.Ordinal) || n is "netstandard.dll" or "mscorlib.dll"))
    .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
    .Append(MetadataReference.CreateFromFile(runtime)).ToList();
var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release,
    nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true);
CSharpCompilation Fresh() => CSharpCompilation.Create("BuildCost", trees, references, options);

var declarations = trees.SelectMany(t => t.GetRoot().DescendantNodes().OfType<TypeDeclarationSyntax>())
    .Count(t => t.AttributeLists.Count > 0);
Console.WriteLine($"{trees.Count} files, {declarations} attributed types, {runs} runs; ms per declaration (total ms)");

string PerDecl(double ms) => $"{ms / declarations,7:F3} ({ms,7:F0})";

for (var run = 1; run <= runs; run++)
{
    Console.WriteLine($"-- run {run}");
    // What the generator's EmitTestsEnabled asks of every compilation (a fresh one, as in a build).
    {
        var lookupCpu = ThreadTime.Ms();
        var probe = Fresh();
        probe.GetTypeByMetadataName("Xunit.FactAttribute");
        probe.GetTypeByMetadataName("LossGen.Checking.GradCheck");
        Console.WriteLine($"generator's two type lookups, cpu {PerDecl(ThreadTime.Ms() - lookupCpu)}");
    }

    // 1. The generator, as a build runs it.
    var sw = Stopwatch.StartNew();
    GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new LossGenGenerator().AsSourceGenerator() }, parseOptions: parse,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    driver = driver.RunGeneratorsAndUpdateCompilation(Fresh(), out var output, out _);
    Console.WriteLine($"generator (wall)                 {PerDecl(sw.Elapsed.TotalMilliseconds)}  {output.SyntaxTrees.Count() - trees.Count} files");
    foreach (var (step, runsOfStep) in driver.GetRunResult().Results[0].TrackedSteps.OrderBy(s => s.Key, StringComparer.Ordinal))
        Console.WriteLine($"  step {step,-26}{PerDecl(runsOfStep.Sum(r => r.ElapsedTime.TotalMilliseconds))}  ×{runsOfStep.Length}");

    if (Environment.GetEnvironmentVariable("PARSE") == "1")
    {
        // The generated files are parsed lazily, by whatever first needs the declarations.
        sw.Restart();
        var parseCpu = ThreadTime.Ms();
        var generated = output.SyntaxTrees.Skip(trees.Count).ToList();
        foreach (var tree in generated) tree.GetRoot();
        Console.WriteLine($"parse generated code              {PerDecl(sw.Elapsed.TotalMilliseconds)}  cpu {PerDecl(ThreadTime.Ms() - parseCpu)}  {generated.Sum(t => t.Length) / 1024} KiB");
        sw.Restart();
        parseCpu = ThreadTime.Ms();
        output.GetTypeByMetadataName("LossGen.Training.Trainer");
        Console.WriteLine($"first type lookup after the parse {PerDecl(sw.Elapsed.TotalMilliseconds)}  cpu {PerDecl(ThreadTime.Ms() - parseCpu)}");
    }

    // 2. The analyzer as the compiler runs it, on the generator's output.
    foreach (var concurrent in new[] { true, false })
    {
        sw.Restart();
        var analyzer = new TimingAnalyzer(new LossGenAnalyzer());
        var withAnalyzers = output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null,
                concurrentAnalysis: concurrent, logAnalyzerExecutionTime: true));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().Result;
        var wall = sw.Elapsed.TotalMilliseconds;
        var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default).Result;
        Console.WriteLine($"analyzer {(concurrent ? "concurrent" : "sequential")} (wall)     {PerDecl(wall)}");
        Console.WriteLine($"analyzer {(concurrent ? "concurrent" : "sequential")} (telemetry){PerDecl(telemetry.ExecutionTime.TotalMilliseconds)}  "
                          + string.Join(" ", diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}")));
        foreach (var (action, (ticks, cpu, count)) in analyzer.Actions.OrderBy(a => a.Key, StringComparer.Ordinal))
            Console.WriteLine($"  {action,-31}{PerDecl(ticks * 1000.0 / Stopwatch.Frequency)}  cpu {PerDecl(cpu)}  ×{count}");
    }

    // 3. The analyzer's stages by hand, on a fresh compilation: nothing is bound yet.
    var compilation = (CSharpCompilation)output.RemoveAllSyntaxTrees().AddSyntaxTrees(output.SyntaxTrees);
    var stages = new Dictionary<string, (double Wall, double Cpu)>();
    var cpuMark = 0.0;
    void Add(string stage, Stopwatch w)
    {
        var now = ThreadTime.Ms();
        var (wall, cpu) = stages.GetValueOrDefault(stage);
        stages[stage] = (wall + w.Elapsed.TotalMilliseconds, cpu + now - cpuMark);
        cpuMark = now;
        w.Restart();
    }
    var found = new List<Diagnostic>();
    foreach (var tree in trees)
    {
        var w = Stopwatch.StartNew();
        cpuMark = ThreadTime.Ms();
        var semantic = compilation.GetSemanticModel(tree);
        Add("semantic model", w);
        foreach (var syntax in tree.GetRoot().DescendantNodes().OfType<StructDeclarationSyntax>())
        {
            w.Restart();
            cpuMark = ThreadTime.Ms();
            if (semantic.GetDeclaredSymbol(syntax) is not { } type) continue;
            var kind = DeclaringPart.Is(syntax, type, "LossGen.LossAttribute") ? DeclarationKind.Loss
                : DeclaringPart.Is(syntax, type, "LossGen.RegularizerAttribute") ? DeclarationKind.Regularizer
                : (DeclarationKind?)null;
            Add("symbol, declaring part", w);
            if (kind is null) continue;
            var parsed = DslParser.Parse(syntax, type, semantic, kind.Value);
            Add("Parse (binds the body)", w);
            if (parsed.Spans.Diagnostics.Count > 0) continue;
            var (shaped, _) = InferShapes.Run(parsed.Model);
            Add("Shapes", w);
            if (shaped is null) continue;
            var define = syntax.Members.OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "Define");
            var lints = new LintContext(type, define, semantic, shaped, parsed.Spans, default);
            Add("lint context", w);
            found.AddRange(StabilityLints.Run(lints)); Add("lint LG0301-3 stability", w);
            found.AddRange(LargeDimensionLint.Run(lints)); Add("lint LG0304 large dimension", w);
            found.AddRange(BiasRegularizerLint.Run(lints)); Add("lint LG0306 bias", w);
            found.AddRange(NonDifferentiableLint.Run(lints)); Add("lint LG0307 non-differentiable", w);
            found.AddRange(MissingShapeLint.Run(lints)); Add("lint LG0308 missing shape", w);
        }
    }
    foreach (var (stage, (wall, cpu)) in stages) Console.WriteLine($"  {stage,-31}{PerDecl(wall)}  cpu {PerDecl(cpu)}");
    Console.WriteLine($"  stages total                   {PerDecl(stages.Values.Sum(s => s.Wall))}  cpu {PerDecl(stages.Values.Sum(s => s.Cpu))}  {found.Count} lint diagnostics");

    // 4. The generator's Compile step, its front passes apart from lowering and emitting (the
    //    passes CompilerPipeline.Compile runs before Lower, on the same models the Read step makes).
    var models = trees.Select(tree => (tree, semantic: compilation.GetSemanticModel(tree)))
        .SelectMany(t => t.tree.GetRoot().DescendantNodes().OfType<StructDeclarationSyntax>()
            .Select(syntax => (syntax, t.semantic, type: t.semantic.GetDeclaredSymbol(syntax)!)))
        .Select(d => DslParser.Parse(d.syntax, d.type, d.semantic,
            DeclaringPart.Is(d.syntax, d.type, "LossGen.LossAttribute") ? DeclarationKind.Loss : DeclarationKind.Regularizer).Model)
        .ToList();
    var front = 0.0;
    var whole = 0.0;
    foreach (var model in models)
    {
        var cpu = ThreadTime.Ms();
        var (shaped, _) = InferShapes.Run(model);
        if (shaped is null) continue;
        var body = Simplify.Run(Stabilize.Run(CanonicalizeIndexNames.Run(shaped.Body, LossGen.Compiler.Lowering.Naming.Reserved(shaped))));
        var differentiable = shaped.Tensors.Where(t => t.Kind == ParamKind.Tensor).Select(t => t.Name).ToList();
        var terms = FoldLabelScatters.Run(Differentiate.Run(body, differentiable)).Select(t => t with { Coeff = Simplify.Run(t.Coeff) }).ToList();
        if (ExtractContractions.Run(shaped, body) is { } plan)
            FoldLabelScatters.Run(Differentiate.Run(plan.Body, plan.Scores.Tensors.Where(t => t.Kind == ParamKind.Tensor).Select(t => t.Name).ToList()))
                .Select(t => t with { Coeff = Simplify.Run(t.Coeff) }).ToList();
        front += ThreadTime.Ms() - cpu;
        cpu = ThreadTime.Ms();
        CompilerPipeline.Compile(model);
        whole += ThreadTime.Ms() - cpu;
    }
    Console.WriteLine($"generator Compile, cpu           {PerDecl(whole)}");
    Console.WriteLine($"  Shapes … Differentiate, Contract {PerDecl(front)}");
    Console.WriteLine($"  Lower and Emit (the rest)      {PerDecl(whole - front)}");

    // The binding the stages did, once more on a fresh compilation with nothing else: what any
    // analyzer that reads the bodies' symbols pays.
    var bare = (CSharpCompilation)output.RemoveAllSyntaxTrees().AddSyntaxTrees(output.SyntaxTrees);
    sw.Restart();
    var bindCpu = ThreadTime.Ms();
    foreach (var tree in trees)
    {
        var semantic = bare.GetSemanticModel(tree);
        foreach (var define in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            foreach (var node in define.DescendantNodes().OfType<InvocationExpressionSyntax>())
                semantic.GetSymbolInfo(node);
    }
    Console.WriteLine($"  bind every call (reference)    {PerDecl(sw.Elapsed.TotalMilliseconds)}  cpu {PerDecl(ThreadTime.Ms() - bindCpu)}");
}
return 0;
