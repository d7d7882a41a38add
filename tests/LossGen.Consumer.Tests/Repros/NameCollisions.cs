// Regression declarations: user names that coincide with names the emitter picks itself (a
// tensor V, a hyper-parameter value or acc1, dimensions DX beside X, N beside n) must compile.
using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Repros;

// CS0412: the kernels are generic in `V` (the lane type), and the tensor parameter is also `V`.
[Loss] public partial struct TensorNamedV
{ static float Define([Shape("N", "D")] Tensor V) => Sum((i, k) => Sqr(V[i, k])); }

// CS0136: the public methods declare `double value = …Kernel(…, value)` for the dispatch result.
[Loss] public partial struct HyperNamedValue
{ static float Define([Shape("N")] Tensor w, float value = 2f) => value * Sum(k => Sqr(w[k])); }

// CS0136 + CS0019: kernel temporaries are acc1, o4, t9, x6, b8, m4 …; a hyper named acc1 is shadowed.
[Loss] public partial struct HyperNamedLikeKernelLocal
{ static float Define([Shape("N")] Tensor w, float acc1 = 2f) => acc1 * Sum(k => Sqr(w[k])); }

// CS0100: dimension DX becomes parameter dX, and the gradient of X is also dX.
[Loss] public partial struct DimensionNamedLikeGradient
{ static float Define([Shape("DX")] Tensor X) => Sum(k => Sqr(X[k])); }

// CS0100: dimensions N and n both become parameter n.
[Loss] public partial struct DimensionsDifferingInCase
{ static float Define([Shape("N", "n")] Tensor X) => Sum((i, j) => Sqr(X[i, j])); }
