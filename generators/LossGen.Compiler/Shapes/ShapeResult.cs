namespace LossGen.Compiler.Shapes;

internal enum ShapeErrorKind
{
    Broadcast,
    AxisOutOfRange,
    MatMulRank,
    MatMulInner,
}

/// <summary>
/// A shape error as data: the shape pass runs inside the generator and the analyzer, which must
/// never throw, and the analyzer turns this into a diagnostic at the offending sub-expression.
/// <see cref="Axis"/> is the dimension position that clashed (in the broadcast result's
/// numbering), or the axis asked for; <see cref="Right"/> is null for one-operand operations.
/// </summary>
internal sealed record ShapeError(ShapeErrorKind Kind, string Message, SymbolicShape Left, SymbolicShape? Right, int Axis)
{
    public override string ToString() => Message;
}

/// <summary>Either a shape or the error that prevented one.</summary>
internal sealed record ShapeResult
{
    private ShapeResult(SymbolicShape? shape, ShapeError? error)
    {
        Shape = shape;
        Error = error;
    }

    public SymbolicShape? Shape { get; }

    public ShapeError? Error { get; }

    public bool IsError => Error is not null;

    public static ShapeResult Ok(SymbolicShape shape) => new(shape, null);

    public static ShapeResult Fail(ShapeError error) => new(null, error);

    public static implicit operator ShapeResult(SymbolicShape shape) => Ok(shape);

    public static implicit operator ShapeResult(ShapeError error) => Fail(error);

    public override string ToString() => Shape?.ToString() ?? Error!.Message;
}
