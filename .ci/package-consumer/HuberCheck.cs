// The package check's consumer (.ci/package-check copies this over the Program.cs of a fresh
// `dotnet new console`). It declares a loss that is not a built-in, Huber regression on a linear
// model, calls the generated kernel, and compares value and gradient with the same function
// computed here in plain double loops; then trains the same loss through its generated
// Objective<T> with a user-declared optimizer's generated adapter and checks that the trainer
// recovers the weights that generated noise-free targets. Prints one line per check and exits 1
// on any mismatch.
using System;
using System.Linq;
using LossGen;
using LossGen.Optimization;
using LossGen.Training;
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

// Training: targets from known weights, so the Huber minimum is exactly those weights.
const int rows = 400;
var trueW = new double[] { 1.5, -2, 0.5, 3, -1 };
var features = new double[rows * d];
var targets = new double[rows];
for (int i = 0; i < features.Length; i++) features[i] = rng.NextDouble() * 2 - 1;
for (int i = 0; i < rows; i++)
    for (int k = 0; k < d; k++) targets[i] += features[i * d + k] * trueW[k];
var objective = new HuberRegression.Objective<double>(features, targets, rows, d, delta);
var trainer = Trainer.Create(objective, new HeavyBall.Optimizer<double>(lr: 0.1, momentum: 0.9), new ConstantLearningRate(),
    new double[objective.ParameterCount], new TrainerOptions { BatchSize = 20, Seed = 3 });
trainer.Fit(40);
double weightError = trainer.Parameters.ToArray().Zip(trueW, (a, b) => Math.Abs(a - b)).Max();
bool trainedOk = weightError <= 1e-3;
Console.WriteLine($"trained HuberRegression.Objective with HeavyBall.Optimizer: max |w - w*| {weightError:E2} {(trainedOk ? "OK" : "MISMATCH")}");
return ok && gradientOk && trainedOk ? 0 : 1;

/// <summary>Heavy-ball momentum, declared here so the trainer runs a user optimizer's generated adapter.</summary>
[Optimizer]
public partial struct HeavyBall
{
    static void Define(ref float w, float g, ref float v, float lr = 0.01f, float momentum = 0.9f)
    {
        v = momentum * v + g;
        w -= lr * v;
    }
}

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
