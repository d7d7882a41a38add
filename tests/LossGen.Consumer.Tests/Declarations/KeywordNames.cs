using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations.@event;

// Names C# allows only verbatim: the generated part must spell them @in, @class, … everywhere.

public partial class @public
{
    /// <summary>Softmax cross-entropy on scores @in + @class, labels @int, scaled by @double.</summary>
    [Loss]
    public partial struct @struct
    {
        static float Define([Shape("N", "C")] Tensor @in, [Shape("C")] Tensor @class, Labels @int, float @double = 1f)
            => @double * Mean(i => LogSumExp(j => @in[i, j] + @class[j]) - @in[i, @int[i]] - @class[@int[i]]);
    }
}
