using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

/// <summary>
/// Runs another analyzer with a stopwatch around each action it registers, so the driver's one
/// number (ReportAnalyzer, telemetry) splits into the analyzer's actions, counted and timed.
/// </summary>
#pragma warning disable RS1001, RS1012, RS1025, RS1026
internal sealed class TimingAnalyzer(DiagnosticAnalyzer inner) : DiagnosticAnalyzer
{
    public ConcurrentDictionary<string, (long Ticks, double Cpu, int Count)> Actions { get; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context) => inner.Initialize(new Context(context, this));

    private Action<T> Timed<T>(string name, Action<T> action) => c =>
    {
        var start = Stopwatch.GetTimestamp();
        var cpu = ThreadTime.Ms();
        try { action(c); }
        finally
        {
            var elapsed = Stopwatch.GetTimestamp() - start;
            var used = ThreadTime.Ms() - cpu;
            Actions.AddOrUpdate(name, (elapsed, used, 1), (_, v) => (v.Ticks + elapsed, v.Cpu + used, v.Count + 1));
        }
    };

    private sealed class Context(AnalysisContext outer, TimingAnalyzer timing) : AnalysisContext
    {
        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => outer.ConfigureGeneratedCodeAnalysis(analysisMode);
        public override void EnableConcurrentExecution() => outer.EnableConcurrentExecution();
        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => outer.RegisterCompilationAction(timing.Timed("compilation", action));
        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => outer.RegisterCodeBlockAction(timing.Timed("code block", action));
        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => outer.RegisterCodeBlockStartAction(timing.Timed("code block start", action));
        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => outer.RegisterSemanticModelAction(timing.Timed("semantic model", action));
        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => outer.RegisterSymbolAction(timing.Timed("symbol " + string.Join(",", symbolKinds), action), symbolKinds);
        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => outer.RegisterSyntaxNodeAction(timing.Timed("node " + string.Join(",", syntaxKinds), action), syntaxKinds);
        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => outer.RegisterSyntaxTreeAction(timing.Timed("tree", action));
        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => outer.RegisterOperationAction(timing.Timed("operation", action), operationKinds);
        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            outer.RegisterCompilationStartAction(timing.Timed<CompilationStartAnalysisContext>("compilation start", c => action(new Start(c, timing))));
    }

    private sealed class Start(CompilationStartAnalysisContext outer, TimingAnalyzer timing) : CompilationStartAnalysisContext(outer.Compilation, outer.Options, outer.CancellationToken)
    {
        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => outer.RegisterCompilationEndAction(timing.Timed("compilation end", action));
        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => outer.RegisterCodeBlockAction(timing.Timed("code block", action));
        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => outer.RegisterCodeBlockStartAction(timing.Timed("code block start", action));
        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => outer.RegisterSemanticModelAction(timing.Timed("semantic model", action));
        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => outer.RegisterSymbolAction(timing.Timed("symbol " + string.Join(",", symbolKinds), action), symbolKinds);
        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => outer.RegisterSyntaxNodeAction(timing.Timed("start/node " + string.Join(",", syntaxKinds), action), syntaxKinds);
        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => outer.RegisterSyntaxTreeAction(timing.Timed("tree", action));
        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => outer.RegisterOperationAction(timing.Timed("operation", action), operationKinds);
    }
}
