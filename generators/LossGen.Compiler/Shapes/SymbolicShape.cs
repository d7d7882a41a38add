using System.Collections.Generic;
using System.Linq;
using LossGen.Compiler.Model;

namespace LossGen.Compiler.Shapes;

/// <summary>
/// The shape of a tensor expression: its dimensions, outermost first, as numpy orders them.
/// The rank-0 shape () is a scalar. Value equality, so a shape can sit in pipeline models.
/// </summary>
internal sealed record SymbolicShape(EquatableArray<Dim> Dims)
{
    public static readonly SymbolicShape Scalar = new(EquatableArray<Dim>.Empty);

    public int Rank => Dims.Count;

    public Dim this[int axis] => Dims[axis];

    public static SymbolicShape Of(params Dim[] dims) => new(dims.ToEquatableArray());

    public static SymbolicShape Of(IEnumerable<Dim> dims) => new(dims.ToEquatableArray());

    // Printed the way numpy prints a shape tuple, trailing comma for rank 1 included, so error
    // messages read like what a numpy user already knows.
    public override string ToString() => Rank switch
    {
        0 => "()",
        1 => "(" + Dims[0] + ",)",
        _ => "(" + string.Join(", ", Dims.Select(d => d.ToString())) + ")",
    };
}
