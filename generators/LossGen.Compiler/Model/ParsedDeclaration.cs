namespace LossGen.Compiler.Model;

/// <summary>
/// What Read and Parse make of a [Loss] or [Regularizer]: the position-free model the compiler
/// works on, and the positions the analyzer reports its diagnostics at. The generator keeps only
/// <see cref="Model"/>.
/// </summary>
internal sealed record ParsedDeclaration(DeclarationModel Model, DeclarationSpans Spans);
