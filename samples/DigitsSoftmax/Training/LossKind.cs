namespace DigitsSoftmax.Training;

/// <summary>The data loss of the linear objective; both add λΣW² and leave the bias unpenalised.</summary>
public enum LossKind
{
    /// <summary>Mean softmax cross-entropy (LinearSoftmax).</summary>
    Softmax,

    /// <summary>Mean Weston–Watkins multiclass hinge with margin 1 (LinearSvm).</summary>
    Svm,
}
