// The package check's second consumer: a declaration that calls a function outside the DSL.
// The packaged analyzer must report LG0006 and fail the build.
using LossGen;
using static LossGen.Dsl;

System.Console.WriteLine("unreachable: this program must not compile");

[Loss]
public partial struct Logistic
{
    static float Define([Shape("N")] Tensor m) => Mean(i => System.MathF.Log(1f + System.MathF.Exp(-m[i])));
}
