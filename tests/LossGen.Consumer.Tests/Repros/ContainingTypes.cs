// Regression declarations: a loss nested in a generic type and a [Loss] partial record struct
// get their generated members on the right type (once silently misplaced or dropped).
using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Repros;

// The generated part is emitted into `partial class OuterGeneric` (no type parameters), a different,
// new type: OuterGeneric<int>.InGeneric.Value does not exist, OuterGeneric.InGeneric.Value does.
public partial class OuterGeneric<T>
{
    [Loss] public partial struct InGeneric { static float Define([Shape("N")] Tensor w) => Sum(k => Sqr(w[k])); }
}

// A `partial record struct` is a struct, but no code and no diagnostic is produced for it.
[Loss] public partial record struct RecordLoss { static float Define([Shape("N")] Tensor w) => Sum(k => Sqr(w[k])); }

public static class ContainingTypesUse
{
    public static double A(double[] w) => OuterGeneric<int>.InGeneric.Value(w, w.Length);   // CS0117
    public static double B(double[] w) => RecordLoss.Value(w, w.Length);                    // CS0117
}
