namespace LossGen.Compiler.Model;

/// <summary>Where an <see cref="AccessSite"/> was written: the whole access, and each index (for errors about one axis).</summary>
internal sealed record SiteSpans(SourceSpan Span, EquatableArray<SourceSpan> IndexSpans);

/// <summary>
/// The positions of one declaration, which diagnostics need and the compiler does not: kept apart
/// from <see cref="DeclarationModel"/> so that moving a declaration (an edit above it) leaves its
/// model equal and the generator's Compile step cached. Each list runs parallel to the model's
/// list of the same name; <see cref="Diagnostics"/> are the Read and Parse diagnostics.
/// </summary>
internal sealed record DeclarationSpans(
    EquatableArray<SiteSpans> Sites,
    EquatableArray<SourceSpan> IndexVars,
    EquatableArray<SourceSpan> LabelCompares,
    EquatableArray<DiagnosticInfo> Diagnostics);
