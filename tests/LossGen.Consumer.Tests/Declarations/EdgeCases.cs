using LossGen;
using static LossGen.Dsl;

namespace LossGen.Consumer.Tests.Declarations;

// Small declarations aimed at the corners of gradient scheduling and naming: a tensor read at two
// index orders, only at label positions, only on its diagonal; a quotient of two differentiable
// tensors; constant powers other than 2; names the generator has to work around; a conditional on
// a reduction's value; a masked log-sum-exp; a negative default.

[Loss] public partial struct TransposeProduct
{ static float Define([Shape("D", "D")] Tensor A) => Sum((i, j) => A[i, j] * A[j, i]); }

[Loss] public partial struct LabelOnly
{ static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y) => Mean(i => -s[i, y[i]]); }

[Loss] public partial struct Trace
{ static float Define([Shape("D", "D")] Tensor A) => Sum(i => Sqr(A[i, i])); }

[Loss] public partial struct Ratio
{ static float Define([Shape("N")] Tensor a, [Shape("N")] Tensor b) => Sum(i => a[i] / b[i]); }

[Loss] public partial struct Powers
{ static float Define([Shape("N")] Tensor x) => Sum(i => Pow(x[i], -1f) + Pow(x[i], 1.5f) + Pow(x[i], 0.5f) + Pow(x[i], 3)); }

[Loss] public partial struct HyperNamedLikeDim
{ static float Define([Shape("N")] Tensor w, float n = 2f) => n * Sum(k => Sqr(w[k])); }

[Loss] public partial struct GradientNameTaken
{ static float Define([Shape("N")] Tensor w, [Const, Shape("N")] Tensor dw) => Sum(k => w[k] * dw[k]); }

[Loss] public partial struct ValueCondOnReduction
{ static float Define([Shape("N")] Tensor w, float r = 1f) => Sum(k => Sqr(w[k])) > r ? Sqrt(Sum(k => Sqr(w[k]))) : Sum(k => Sqr(w[k])); }

[Loss] public partial struct MaskedLogSumExp
{ static float Define([Shape("N", "C")] Tensor s, [Shape("N")] Labels y, float m = 0.5f) => Mean(i => LogSumExp(j => j == y[i] ? s[i, j] - m : s[i, j]) - (s[i, y[i]] - m)); }

[Loss] public partial struct NegativeDefault
{ static float Define([Shape("N")] Tensor w, float shift = -1.5f) => Sum(k => Sqr(w[k] - shift)); }
