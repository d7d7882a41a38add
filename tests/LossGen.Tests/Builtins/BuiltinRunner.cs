using System;
using System.Collections.Generic;
using LossGen.Builtins;
using LossGen.Tests.Fixtures;

namespace LossGen.Tests.Builtins;

/// <summary>The value and gradients a built-in computed for a fixture case.</summary>
internal sealed record Evaluation(double Value, Dictionary<string, double[]> Grads);

/// <summary>
/// Runs the generated built-in for a fixture family on a fixture case, in float or double, so
/// parity tests can be one theory over every family and case.
/// </summary>
internal static class BuiltinRunner
{
    public static Evaluation Run(string family, LossCase c) =>
        c.Dtype == "float32" ? RunFloat(family, c) : RunDouble(family, c);

    private static Evaluation RunDouble(string family, LossCase c)
    {
        switch (family)
        {
            case "svm":
            case "svm_squared":
            case "softmax":
            {
                var s = c.Input("s");
                var y = c.Input("y").AsInts();
                var ds = new double[s.Length];
                var v = family switch
                {
                    "svm" => MulticlassSvm.ValueAndGradient(s.Data, y, s.Dim(0), s.Dim(1), ds, c.Param("delta")),
                    "svm_squared" => SquaredHingeSvm.ValueAndGradient(s.Data, y, s.Dim(0), s.Dim(1), ds, c.Param("delta")),
                    _ => SoftmaxCrossEntropy.ValueAndGradient(s.Data, y, s.Dim(0), s.Dim(1), ds),
                };
                return new Evaluation(v, new() { ["s"] = ds });
            }
            case "binary_hinge":
            case "least_squares":
            {
                var X = c.Input("X");
                var w = c.Input("w");
                var dw = new double[w.Length];
                var v = family == "binary_hinge"
                    ? BinaryHinge.ValueAndGradient(X.Data, w.Data, c.Input("y").Data, X.Dim(0), X.Dim(1), dw)
                    : LeastSquares.ValueAndGradient(X.Data, w.Data, c.Input("y").Data, X.Dim(0), X.Dim(1), dw);
                return new Evaluation(v, new() { ["w"] = dw });
            }
            case "l2":
            case "l1":
            case "elastic_net":
            {
                var W = c.Input("W");
                var dW = new double[W.Length];
                var v = family switch
                {
                    "l2" => L2.ValueAndGradient(W.Data, W.Length, dW),
                    "l1" => L1.ValueAndGradient(W.Data, W.Length, dW),
                    _ => ElasticNet.ValueAndGradient(W.Data, W.Length, dW, c.Param("beta")),
                };
                return new Evaluation(v, new() { ["W"] = dW });
            }
            case "linear_svm":
            case "linear_softmax":
            {
                var X = c.Input("X");
                var W = c.Input("W");
                var b = c.Input("b");
                var y = c.Input("y").AsInts();
                var dW = new double[W.Length];
                var db = new double[b.Length];
                var v = family == "linear_svm"
                    ? LinearSvm.ValueAndGradient(X.Data, W.Data, b.Data, y, X.Dim(0), X.Dim(1), W.Dim(1), dW, db, 1.0, c.Param("lambda"))
                    : LinearSoftmax.ValueAndGradient(X.Data, W.Data, b.Data, y, X.Dim(0), X.Dim(1), W.Dim(1), dW, db, c.Param("lambda"));
                return new Evaluation(v, new() { ["W"] = dW, ["b"] = db });
            }
            default:
                throw new ArgumentException("unknown family " + family, nameof(family));
        }
    }

    private static Evaluation RunFloat(string family, LossCase c)
    {
        static double[] Widen(float[] x) => Array.ConvertAll(x, v => (double)v);
        switch (family)
        {
            case "svm":
            case "svm_squared":
            case "softmax":
            {
                var s = c.Input("s");
                var y = c.Input("y").AsInts();
                var ds = new float[s.Length];
                var v = family switch
                {
                    "svm" => MulticlassSvm.ValueAndGradient(s.AsFloats(), y, s.Dim(0), s.Dim(1), ds, (float)c.Param("delta")),
                    "svm_squared" => SquaredHingeSvm.ValueAndGradient(s.AsFloats(), y, s.Dim(0), s.Dim(1), ds, (float)c.Param("delta")),
                    _ => SoftmaxCrossEntropy.ValueAndGradient(s.AsFloats(), y, s.Dim(0), s.Dim(1), ds),
                };
                return new Evaluation(v, new() { ["s"] = Widen(ds) });
            }
            case "binary_hinge":
            case "least_squares":
            {
                var X = c.Input("X");
                var w = c.Input("w");
                var dw = new float[w.Length];
                var v = family == "binary_hinge"
                    ? BinaryHinge.ValueAndGradient(X.AsFloats(), w.AsFloats(), c.Input("y").AsFloats(), X.Dim(0), X.Dim(1), dw)
                    : LeastSquares.ValueAndGradient(X.AsFloats(), w.AsFloats(), c.Input("y").AsFloats(), X.Dim(0), X.Dim(1), dw);
                return new Evaluation(v, new() { ["w"] = Widen(dw) });
            }
            case "l2":
            case "l1":
            case "elastic_net":
            {
                var W = c.Input("W");
                var dW = new float[W.Length];
                var v = family switch
                {
                    "l2" => L2.ValueAndGradient(W.AsFloats(), W.Length, dW),
                    "l1" => L1.ValueAndGradient(W.AsFloats(), W.Length, dW),
                    _ => ElasticNet.ValueAndGradient(W.AsFloats(), W.Length, dW, (float)c.Param("beta")),
                };
                return new Evaluation(v, new() { ["W"] = Widen(dW) });
            }
            case "linear_svm":
            case "linear_softmax":
            {
                var X = c.Input("X");
                var W = c.Input("W");
                var b = c.Input("b");
                var y = c.Input("y").AsInts();
                var dW = new float[W.Length];
                var db = new float[b.Length];
                var v = family == "linear_svm"
                    ? LinearSvm.ValueAndGradient(X.AsFloats(), W.AsFloats(), b.AsFloats(), y, X.Dim(0), X.Dim(1), W.Dim(1), dW, db, 1f, (float)c.Param("lambda"))
                    : LinearSoftmax.ValueAndGradient(X.AsFloats(), W.AsFloats(), b.AsFloats(), y, X.Dim(0), X.Dim(1), W.Dim(1), dW, db, (float)c.Param("lambda"));
                return new Evaluation(v, new() { ["W"] = Widen(dW), ["b"] = Widen(db) });
            }
            default:
                throw new ArgumentException("unknown family " + family, nameof(family));
        }
    }
}
