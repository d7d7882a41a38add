using LossGen.Compiler.Emit;
using LossGen.Compiler.Lowering;
using LossGen.Compiler.Model;
using LossGen.Compiler.Passes;

namespace LossGen.Compiler.Parse;

/// <summary>
/// What Read and Parse make of an [Optimizer]: the position-free model the compiler works on,
/// and the diagnostics (with their spans) the analyzer reports. The generator keeps only <see cref="Model"/>.
/// </summary>
internal sealed record ParsedOptimizer(OptimizerModel Model, EquatableArray<DiagnosticInfo> Diagnostics);
