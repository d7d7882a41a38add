// The package check's consumer (.ci/package-check copies this over the Program.cs of a fresh
// `dotnet new console`). It declares a loss that is not a built-in, Huber regression on a linear
// model, calls the generated kernel, and compares value and gradient with the same function
// computed here in plain double loops. Prints one line per check and exits 1 on any mismatch.
using System;
using LossGen;
using static LossGen.Dsl;

const int n = 37, d = 5;          // not multiples of any lane count: exercises the tails
const double delta = 0.75;
var rng = new Random(11);
var X = new double[n * d];
var y = new double[n];
var w = new double[d];
for (int i = 0; i < X.Length; i++) X[i] = rng.NextDouble() * 4 - 2;
for (int i = 0; i < n; i++) y[i] = rng.NextDouble() * 6 - 3;
for (int k = 0; k < d; k++) w[k] = rng.NextDouble() - 0.5;

var gradient = new double[d];
double value = HuberRegression.ValueAndGradient(X, w, y, n, d, gradient, delta);

// Reference: the textbook definition, r = y - Xw, loss = mean of ½r² (|r| <= δ) or δ(|r| - ½δ),
// gradient dL/dw_k = -(1/N) Σ_i ψ(r_i) X[i,k] with ψ(r) = r inside the band, δ·sign(r) outside.
double expected = 0;
var expectedGradient = new double[d];
for (int i = 0; i < n; i++)
{
    double r = y[i];
    for (int k = 0; k < d; k++) r -= X[i * d + k] * w[k];
    double a = Math.Abs(r);
    expected += a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
    double psi = a <= delta ? r : delta * Math.Sign(r);
    for (int k = 0; k < d; k++) expectedGradient[k] -= psi * X[i * d + k] / n;
}
expected /= n;

bool ok = Math.Abs(value - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected));
Console.WriteLine($"huber value {value:R} reference {expected:R} {(ok ? "OK" : "MISMATCH")}");
double worst = 0;
for (int k = 0; k < d; k++) worst = Math.Max(worst, Math.Abs(gradient[k] - expectedGradient[k]));
bool gradientOk = worst <= 1e-12;
Console.WriteLine($"huber gradient max abs difference {worst:E2} {(gradientOk ? "OK" : "MISMATCH")}");
Console.WriteLine($"lane width {LossGen.Simd.LaneWidth.Current}");
return ok && gradientOk ? 0 : 1;

/// <summary>Huber loss of a linear model's residuals, with the band half-width δ.</summary>
[Loss]
public partial struct HuberRegression
{
    static float Define([Const, Shape("N", "D")] Tensor X, [Shape("D")] Tensor w, [Const, Shape("N")] Tensor y, float delta = 1f)
    {
        var r = Tensor.Of(i => y[i] - Sum(k => X[i, k] * w[k]));
        return Mean(i => Abs(r[i]) <= delta ? 0.5f * Sqr(r[i]) : delta * (Abs(r[i]) - 0.5f * delta));
    }
}
