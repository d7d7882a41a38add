using System;
using LossGen.Compiler.Model;
using Microsoft.CodeAnalysis;

namespace LossGen.Compiler.Passes;

/// <summary>Which part of a declaration a <see cref="ShapeError"/> is about.</summary>
internal enum ShapeErrorPlace
{
    /// <summary>A whole element access: <see cref="DeclarationModel.Sites"/>[Item].</summary>
    Site,
    /// <summary>One index of an access: index Axis of <see cref="DeclarationModel.Sites"/>[Item].</summary>
    SiteIndex,
    /// <summary>A comparison <c>j == y[i]</c>: <see cref="DeclarationModel.LabelCompares"/>[Item].</summary>
    LabelCompare,
    /// <summary>An index variable's declaration: <see cref="DeclarationModel.IndexVars"/>[Item].</summary>
    IndexVar,
}

/// <summary>
/// A diagnostic of the Shapes pass, pointing at a part of the model by its place in the model's
/// lists instead of by position: the pass runs in the generator's Compile step too, whose input
/// has no positions. The analyzer turns it into a located diagnostic with <see cref="At"/>.
/// </summary>
internal sealed record ShapeError(string Id, ShapeErrorPlace Place, int Item, int Axis, EquatableArray<string> Arguments)
{
    public static ShapeError Create(DiagnosticDescriptor descriptor, ShapeErrorPlace place, int item, int axis, params string[] arguments) =>
        new(descriptor.Id, place, item, axis, EquatableArray.Of(arguments));

    /// <summary>The diagnostic at the span the declaration's <paramref name="spans"/> give its place.</summary>
    public DiagnosticInfo At(DeclarationSpans spans) => new(Id, Place switch
    {
        ShapeErrorPlace.Site => spans.Sites[Item].Span,
        ShapeErrorPlace.SiteIndex => spans.Sites[Item].IndexSpans[Axis],
        ShapeErrorPlace.LabelCompare => spans.LabelCompares[Item],
        ShapeErrorPlace.IndexVar => spans.IndexVars[Item],
        _ => throw new ArgumentOutOfRangeException(nameof(Place), Place, null),
    }, Arguments);

    public override string ToString() => $"{Id} at {Place} {Item}.{Axis}: {string.Join(", ", Arguments)}";
}
