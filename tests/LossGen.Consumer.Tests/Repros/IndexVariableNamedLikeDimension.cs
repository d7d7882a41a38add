// Regression declaration: an index variable spelled like a lower-cased dimension (n over N) once
// produced `for (int n = 0; n < n; n++)`; loop variables now avoid every generated name.
using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Repros;

[Loss]
public partial struct IndexVariableNamedLikeDimension
{
    static float Define([Shape("N")] Tensor w) => Sum(n => Sqr(w[n]));
}
