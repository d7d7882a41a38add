// Compiler bug repro, kept out of the build: an index variable spelled like the lower-cased name of a
// dimension (here n over N) makes the generated kernel declare `for (int n = 0; n < n; n++)`
// inside a method whose dimension parameter is also `n`: CS0136 + CS1718, the user's project no
// longer compiles. Define LOSSGEN_REPRO_INDEX_NAMES to reproduce.
#if LOSSGEN_REPRO_INDEX_NAMES
using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Repros;

[Loss]
public partial struct IndexVariableNamedLikeDimension
{
    static float Define([Shape("N")] Tensor w) => Sum(n => Sqr(w[n]));
}
#endif
