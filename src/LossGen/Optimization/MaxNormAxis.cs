namespace LossGen.Optimization;

/// <summary>Which vectors of a row-major matrix <see cref="MaxNorm.Project(System.Span{double}, int, int, double, MaxNormAxis)"/> constrains.</summary>
/// <remarks>
/// For a linear layer W of shape [D, C] used as scores = X·W (X is N × D), output unit j's incoming
/// weights are column j, W[:, j]; the usual max-norm regulariser ("each unit's incoming weight
/// vector has ‖w‖₂ ≤ c") is therefore <see cref="Columns"/>. For the transposed convention
/// W of shape [C, D] with scores = W·x (PyTorch's nn.Linear weight), it is <see cref="Rows"/>.
/// </remarks>
public enum MaxNormAxis
{
    /// <summary>Each row W[i, :] (length cols) is projected separately.</summary>
    Rows,

    /// <summary>Each column W[:, j] (length rows) is projected separately.</summary>
    Columns,
}
