using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LossGen.Tests.Fixtures;

// Typed access to the golden JSON written by tests/fixtures-scripts (PyTorch / SciPy oracle).
// Tests read numbers from here instead of hard-coding them, so regenerating the fixtures is the
// only way reference values change. Everything is double: float32 cases store the exact float32
// values widened to double, so `(float)x` recovers the original bits.

/// <summary>A flattened, row-major tensor with an explicit shape.</summary>
public sealed class FixtureTensor
{
    public int[] Shape { get; init; } = [];

    /// <summary>"float" or "int" (labels of the multiclass losses, digits pixels).</summary>
    public string Kind { get; init; } = "float";

    public double[] Data { get; init; } = [];

    public int Length => Data.Length;

    /// <summary>Size of dimension <paramref name="axis"/>.</summary>
    public int Dim(int axis) => Shape[axis];

    /// <summary>The data as float32, exact for float32 cases.</summary>
    public float[] AsFloats() => Array.ConvertAll(Data, d => (float)d);

    /// <summary>The data as integers; throws if the tensor is not an integer tensor.</summary>
    public int[] AsInts()
    {
        if (Kind != "int")
        {
            throw new InvalidOperationException($"Tensor of kind '{Kind}' is not an integer tensor.");
        }

        return Array.ConvertAll(Data, d => checked((int)d));
    }
}

/// <summary>One loss / regularizer / objective case in one dtype.</summary>
public sealed class LossCase
{
    public string Name { get; init; } = "";

    /// <summary>"float64" or "float32" (inputs rounded to float32, torch computing in float32).</summary>
    public string Dtype { get; init; } = "float64";

    public string Description { get; init; } = "";

    /// <summary>Scalar hyper-parameters, e.g. delta, lambda, beta.</summary>
    public Dictionary<string, double> Params { get; init; } = new();

    public Dictionary<string, FixtureTensor> Inputs { get; init; } = new();

    /// <summary>The (mean) loss value.</summary>
    public double Value { get; init; }

    /// <summary>Gradients keyed by the input they differentiate, e.g. "s", "w", "W", "b".</summary>
    public Dictionary<string, FixtureTensor> Grads { get; init; } = new();

    /// <summary>L_i before the mean, for the data losses; null for regularizers and objectives.</summary>
    public FixtureTensor? PerExample { get; init; }

    /// <summary>data_loss and reg_loss of the full objectives; null otherwise.</summary>
    public Dictionary<string, double>? Parts { get; init; }

    /// <summary>For float32 cases: torch in float64 on the same (rounded) inputs.</summary>
    public Float64Reference? Float64Reference { get; init; }

    public FixtureTensor Input(string name) =>
        Inputs.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"Case '{Name}' has no input '{name}'.");

    public FixtureTensor Grad(string name) =>
        Grads.TryGetValue(name, out var t) ? t : throw new KeyNotFoundException($"Case '{Name}' has no gradient '{name}'.");

    public double Param(string name) =>
        Params.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"Case '{Name}' has no parameter '{name}'.");

    public override string ToString() => $"{Name}/{Dtype}";
}

public sealed class Float64Reference
{
    public double Value { get; init; }

    public Dictionary<string, FixtureTensor> Grads { get; init; } = new();
}

/// <summary>All cases of one loss family (one JSON file).</summary>
public sealed class LossFixture
{
    public string Family { get; init; } = "";

    public string Definition { get; init; } = "";

    public string? Notes { get; init; }

    public string TorchVersion { get; init; } = "";

    public LossCase[] Cases { get; init; } = [];

    /// <summary>The case with this name and dtype.</summary>
    public LossCase Case(string name, string dtype = "float64") =>
        Cases.SingleOrDefault(c => c.Name == name && c.Dtype == dtype)
        ?? throw new KeyNotFoundException($"{Family}: no case '{name}' with dtype '{dtype}'.");

    public IEnumerable<LossCase> OfDtype(string dtype) => Cases.Where(c => c.Dtype == dtype);
}

/// <summary>One optimizer trajectory: w after each of the fixed gradient steps.</summary>
public sealed class OptimizerTrajectory
{
    public string Name { get; internal set; } = "";

    public string Description { get; init; } = "";

    public string TorchClass { get; init; } = "";

    /// <summary>torch's param_group entries verbatim (numbers, booleans, lists, null).</summary>
    public Dictionary<string, JsonElement> Hyperparams { get; init; } = new();

    public string UpdateRule { get; init; } = "";

    public FixtureTensor W0 { get; init; } = new();

    /// <summary>[steps, P]; row k is the gradient applied at step k.</summary>
    public FixtureTensor Grads { get; init; } = new();

    /// <summary>Learning rate in effect at each step (varies only for scheduled trajectories).</summary>
    public double[] Lrs { get; init; } = [];

    /// <summary>[steps, P]; row k is w after step k.</summary>
    public FixtureTensor W { get; init; } = new();

    /// <summary>torch's per-parameter state after the last step; "step" is stored as a number.</summary>
    public Dictionary<string, JsonElement> FinalState { get; init; } = new();

    public Dictionary<string, JsonElement>? Schedule { get; init; }

    /// <summary>Fused-regularizer trajectories only: the penalty λ·R added to the objective (l2, l1, elastic_net).</summary>
    public string? Regularizer { get; init; }

    /// <summary>Fused-regularizer trajectories only: λ.</summary>
    public double? Lambda { get; init; }

    /// <summary>Fused-regularizer trajectories only: elastic net's β.</summary>
    public double? Beta { get; init; }

    public int Steps => Grads.Shape[0];

    public int P => Grads.Shape[1];

    /// <summary>A numeric hyper-parameter, e.g. "lr", "momentum", "weight_decay".</summary>
    public double Hyper(string name) => Hyperparams[name].GetDouble();

    /// <summary>Row <paramref name="step"/> of the gradient sequence.</summary>
    public double[] GradAt(int step) => Grads.Data.AsSpan(step * P, P).ToArray();

    /// <summary>w after step <paramref name="step"/> (0-based).</summary>
    public double[] WAfter(int step) => W.Data.AsSpan(step * P, P).ToArray();

    /// <summary>A state buffer such as exp_avg, exp_avg_sq, momentum_buffer, sum, square_avg.</summary>
    public double[] StateBuffer(string name) =>
        FinalState[name].GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public int? StateStep => FinalState.TryGetValue("step", out var s) ? s.GetInt32() : null;

    public override string ToString() => Name;
}

internal sealed class OptimizerFile
{
    public Dictionary<string, OptimizerTrajectory> Trajectories { get; init; } = new();
}

public sealed class DigitsPolished
{
    public double Loss { get; init; }

    public double GradNorm { get; init; }

    public double MaxAbsDiffWVsLbfgs { get; init; }

    public FixtureTensor W { get; init; } = new();

    public FixtureTensor B { get; init; } = new();
}

public sealed class DigitsData
{
    public string Source { get; init; } = "";

    /// <summary>[1797, 64] integers 0..16; features are pixels / 16.</summary>
    public FixtureTensor Pixels { get; init; } = new();

    /// <summary>[1797] integers 0..9.</summary>
    public FixtureTensor Labels { get; init; } = new();
}

/// <summary>The SciPy L-BFGS-B optimum of the regularized softmax classifier on the digits.</summary>
public sealed class DigitsLbfgsFixture
{
    public string Definition { get; init; } = "";

    public string Notes { get; init; } = "";

    public double Lambda { get; init; }

    public string ScipyMessage { get; init; } = "";

    public int Iterations { get; init; }

    public int FunctionEvaluations { get; init; }

    public double Loss { get; init; }

    public double DataLoss { get; init; }

    public double RegLoss { get; init; }

    public double InitialLoss { get; init; }

    public double GradNorm { get; init; }

    public double GradMaxAbs { get; init; }

    public double TrainAccuracy { get; init; }

    public int TrainCorrect { get; init; }

    /// <summary>[64, 10] row-major at the L-BFGS-B stopping point.</summary>
    public FixtureTensor W { get; init; } = new();

    /// <summary>[10]; defined only up to a common shift (sum ~ 0 here).</summary>
    public FixtureTensor B { get; init; } = new();

    /// <summary>The same optimum refined by Newton steps to |grad| ~ 1e-16.</summary>
    public DigitsPolished NewtonPolished { get; init; } = new();

    public DigitsData Data { get; init; } = new();
}

/// <summary>Entry point: <c>Fixtures.Loss("svm")</c>, <c>Fixtures.Optimizer("adam")</c>, <c>Fixtures.DigitsLbfgs()</c>.</summary>
public static class Fixtures
{
    // The JSON is snake_case (written by Python); map it onto PascalCase properties.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        PropertyNameCaseInsensitive = true, // the digits file uses math names: "W", "max_abs_diff_W_vs_lbfgs"
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    // Files are immutable during a test run; parse each once (the digits file is ~400 kB).
    private static readonly ConcurrentDictionary<string, object> Cache = new();

    /// <summary>The folder the test project copies the fixtures to.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    /// <summary>Names accepted by <see cref="Loss"/>.</summary>
    public static readonly string[] LossFamilies =
    [
        "svm", "svm_squared", "softmax", "binary_hinge", "least_squares",
        "l2", "l1", "elastic_net", "linear_svm", "linear_softmax",
    ];

    public static LossFixture Loss(string family)
    {
        if (!LossFamilies.Contains(family))
        {
            throw new ArgumentException($"Unknown loss family '{family}'; expected one of {string.Join(", ", LossFamilies)}.", nameof(family));
        }

        return Load<LossFixture>(family + ".json");
    }

    public static IReadOnlyDictionary<string, OptimizerTrajectory> Optimizers()
    {
        var file = Load<OptimizerFile>("optimizers.json");
        foreach (var (name, t) in file.Trajectories)
        {
            t.Name = name;
        }

        return file.Trajectories;
    }

    /// <summary>torch.optim steps on grads[k]·w + λ·R(w), R a built-in regularizer (fused_regularizers.json).</summary>
    public static IReadOnlyDictionary<string, OptimizerTrajectory> FusedRegularizers()
    {
        var file = Load<OptimizerFile>("fused_regularizers.json");
        foreach (var (name, t) in file.Trajectories)
        {
            t.Name = name;
        }

        return file.Trajectories;
    }

    public static OptimizerTrajectory Optimizer(string name) =>
        Optimizers().TryGetValue(name, out var t)
            ? t
            : throw new ArgumentException($"Unknown optimizer trajectory '{name}'.", nameof(name));

    public static DigitsLbfgsFixture DigitsLbfgs() => Load<DigitsLbfgsFixture>("digits_softmax_lbfgs.json");

    private static T Load<T>(string file) where T : class =>
        (T)Cache.GetOrAdd(file, f =>
        {
            var path = Path.Combine(Directory, f);
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options)
                ?? throw new InvalidDataException($"Fixture {path} is empty.");
        });
}
