using System;
using System.Linq;
using LossGen.Checking;
using LossGen.Compiler.Passes;

namespace LossGen.Tests.Fuzzing;

/// <summary>
/// A compiled fuzz program: its generated entry points, reached through the array wrappers the
/// program's source declares (RunDouble, RunFloat), and its shaped IR for the interpreter.
/// </summary>
internal sealed class LoadedProgram
{
    private delegate double RunDouble(double[][] t, int[] y, int[] dims, double alpha, double[][]? g);
    private delegate float RunFloat(float[][] t, int[] y, int[] dims, float alpha);

    private readonly RunDouble runDouble;
    private readonly RunFloat runFloat;

    public LoadedProgram(Type type, ShapedDeclaration shaped, FuzzNames? names = null)
    {
        Names = names ?? FuzzNames.Plain;
        runDouble = type.GetMethod("RunDouble")!.CreateDelegate<RunDouble>();
        runFloat = type.GetMethod("RunFloat")!.CreateDelegate<RunFloat>();
        Shaped = shaped;
        BetaDefault = shaped.Model.Parameters.Single(p => p.Name == Names.Beta).Default
                      ?? throw new InvalidOperationException("beta has no default");
    }

    public ShapedDeclaration Shaped { get; }

    /// <summary>How the declaration spells its parameters (the IR and the interpreter's inputs use these names).</summary>
    public FuzzNames Names { get; }

    /// <summary>The default of beta as the front end read it; the wrappers never pass beta, so the default is what runs.</summary>
    public double BetaDefault { get; }

    public double ValueDouble(FuzzInputs x) => runDouble(x.Tensors, x.Y, x.Dims, x.Alpha, null);

    public double ValueFloat(FuzzInputs x) =>
        runFloat(x.Tensors.Select(t => t.Select(v => (float)v).ToArray()).ToArray(), x.Y, x.Dims, (float)x.Alpha);

    /// <summary>The generated double ValueAndGradient as a function of s, u, b, w laid end to end.</summary>
    public IGradientFunction<double> Function(FuzzInputs x) => new Wrapped(this, x);

    /// <summary>Splits the flat point into the four differentiable tensors and calls the generated code.</summary>
    public double Evaluate(FuzzInputs x, ReadOnlySpan<double> flat, Span<double> gradient, bool withGradient)
    {
        var parts = Split(x, flat.ToArray());
        var tensors = new[] { parts[0], parts[1], parts[2], parts[3], x.X };
        if (!withGradient) return runDouble(tensors, x.Y, x.Dims, x.Alpha, null);
        var grads = parts.Select(p => new double[p.Length]).ToArray();
        // Poison the buffers the way GradCheck poisons its own: an element the kernel forgets stays NaN.
        foreach (var g in grads) g.AsSpan().Fill(double.NaN);
        var value = runDouble(tensors, x.Y, x.Dims, x.Alpha, grads);
        grads.SelectMany(g => g).ToArray().CopyTo(gradient);
        return value;
    }

    private static double[][] Split(FuzzInputs x, double[] flat)
    {
        var sizes = new[] { x.N * x.C, x.N, x.C, x.D };
        var result = new double[4][];
        var offset = 0;
        for (var k = 0; k < 4; k++)
        {
            result[k] = flat.AsSpan(offset, sizes[k]).ToArray();
            offset += sizes[k];
        }
        return result;
    }

    private sealed class Wrapped(LoadedProgram program, FuzzInputs x) : IGradientFunction<double>
    {
        public double Value(ReadOnlySpan<double> flat) => program.Evaluate(x, flat, default, withGradient: false);

        public double ValueAndGradient(ReadOnlySpan<double> flat, Span<double> gradient) => program.Evaluate(x, flat, gradient, withGradient: true);
    }
}
