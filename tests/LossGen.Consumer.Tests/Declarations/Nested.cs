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

namespace LossGen.Consumer.Tests.Declarations
{
    /// <summary>A declaration nested in a partial struct.</summary>
    public partial struct OuterStruct
    {
        [Loss]
        public partial struct InStruct
        {
            static float Define([Shape("N")] Tensor w) => Sum(k => Sqr(w[k]));
        }
    }

    /// <summary>An internal readonly partial struct.</summary>
    [Loss]
    internal readonly partial struct ReadonlyLoss
    {
        static float Define([Shape("N")] Tensor w) => Mean(k => Abs(w[k]));
    }
}
