using LossGen;
using static LossGen.Dsl;

/// <summary>A declaration in the global namespace, nested in a partial class, with unannotated labels.</summary>
public static partial class ConsumerOuter
{
    /// <summary>Softmax cross-entropy with no [Shape]: s's two dimensions and y's class dimension are inferred.</summary>
    [Loss]
    public partial struct InferredSoftmax
    {
        static float Define(Tensor s, Labels y) => Mean(i => LogSumExp(j => s[i, j]) - s[i, y[i]]);
    }
}
