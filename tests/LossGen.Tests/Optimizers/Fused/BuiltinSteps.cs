using System;
using LossGen.Builtins;
using LossGen.Optimization;

namespace LossGen.Tests.Optimizers.Fused;

/// <summary>
/// Every built-in optimizer called two ways with the same hyper-parameters: the plain Step, and
/// the Step fused with a penalty. Hyper-parameters are not the defaults (weight decay on where a
/// rule has it) so the penalty has to compose with everything the rule already does.
/// </summary>
internal static class BuiltinSteps
{
    public static readonly string[] Names =
        { "Sgd", "SgdMomentum", "Nesterov", "AdaGrad", "RmsProp", "RmsPropMomentum", "Adam", "AdamWTorch", "AdamWPaper" };

    public static int StateCount(string name) => name switch
    {
        "Sgd" => 0,
        "SgdMomentum" or "Nesterov" or "AdaGrad" or "RmsProp" => 1,
        _ => 2,
    };

    public static void Plain(string name, double[] w, double[] g, double[][] s, long t)
    {
        switch (name)
        {
            case "Sgd": Sgd.Step(w, g, t, 0.1, 0.01); break;
            case "SgdMomentum": SgdMomentum.Step(w, g, s[0], t, 0.1, 0.8, 0.01); break;
            case "Nesterov": Nesterov.Step(w, g, s[0], t, 0.1, 0.8, 0.01); break;
            case "AdaGrad": AdaGrad.Step(w, g, s[0], t, 0.1, 0.01, 0.01, 1e-10); break;
            case "RmsProp": RmsProp.Step(w, g, s[0], t, 0.01, 0.9, 1e-8, 0.01); break;
            case "RmsPropMomentum": RmsPropMomentum.Step(w, g, s[0], s[1], t, 0.01, 0.9, 1e-8, 0.5, 0.01); break;
            case "Adam": Adam.Step(w, g, s[0], s[1], t, 0.01, 0.8, 0.99, 1e-8, 0.01); break;
            case "AdamWTorch": AdamWTorch.Step(w, g, s[0], s[1], t, 0.01, 0.8, 0.99, 1e-8, 0.01); break;
            case "AdamWPaper": AdamWPaper.Step(w, g, s[0], s[1], t, 0.001, 0.01, 0.8, 0.99, 1e-8, 0.5); break;
            default: throw new ArgumentException("No built-in " + name, nameof(name));
        }
    }

    public static void Fused<R>(string name, double[] w, double[] g, double[][] s, long t, in R penalty)
        where R : struct, IElementwiseRegularizer<double>
    {
        switch (name)
        {
            case "Sgd": Sgd.Step(w, g, t, penalty, 0.1, 0.01); break;
            case "SgdMomentum": SgdMomentum.Step(w, g, s[0], t, penalty, 0.1, 0.8, 0.01); break;
            case "Nesterov": Nesterov.Step(w, g, s[0], t, penalty, 0.1, 0.8, 0.01); break;
            case "AdaGrad": AdaGrad.Step(w, g, s[0], t, penalty, 0.1, 0.01, 0.01, 1e-10); break;
            case "RmsProp": RmsProp.Step(w, g, s[0], t, penalty, 0.01, 0.9, 1e-8, 0.01); break;
            case "RmsPropMomentum": RmsPropMomentum.Step(w, g, s[0], s[1], t, penalty, 0.01, 0.9, 1e-8, 0.5, 0.01); break;
            case "Adam": Adam.Step(w, g, s[0], s[1], t, penalty, 0.01, 0.8, 0.99, 1e-8, 0.01); break;
            case "AdamWTorch": AdamWTorch.Step(w, g, s[0], s[1], t, penalty, 0.01, 0.8, 0.99, 1e-8, 0.01); break;
            case "AdamWPaper": AdamWPaper.Step(w, g, s[0], s[1], t, penalty, 0.001, 0.01, 0.8, 0.99, 1e-8, 0.5); break;
            default: throw new ArgumentException("No built-in " + name, nameof(name));
        }
    }

    public static void Plain(string name, float[] w, float[] g, float[][] s, long t)
    {
        switch (name)
        {
            case "Sgd": Sgd.Step(w, g, t, 0.1f, 0.01f); break;
            case "SgdMomentum": SgdMomentum.Step(w, g, s[0], t, 0.1f, 0.8f, 0.01f); break;
            case "Nesterov": Nesterov.Step(w, g, s[0], t, 0.1f, 0.8f, 0.01f); break;
            case "AdaGrad": AdaGrad.Step(w, g, s[0], t, 0.1f, 0.01f, 0.01f, 1e-10f); break;
            case "RmsProp": RmsProp.Step(w, g, s[0], t, 0.01f, 0.9f, 1e-8f, 0.01f); break;
            case "RmsPropMomentum": RmsPropMomentum.Step(w, g, s[0], s[1], t, 0.01f, 0.9f, 1e-8f, 0.5f, 0.01f); break;
            case "Adam": Adam.Step(w, g, s[0], s[1], t, 0.01f, 0.8f, 0.99f, 1e-8f, 0.01f); break;
            case "AdamWTorch": AdamWTorch.Step(w, g, s[0], s[1], t, 0.01f, 0.8f, 0.99f, 1e-8f, 0.01f); break;
            case "AdamWPaper": AdamWPaper.Step(w, g, s[0], s[1], t, 0.001f, 0.01f, 0.8f, 0.99f, 1e-8f, 0.5f); break;
            default: throw new ArgumentException("No built-in " + name, nameof(name));
        }
    }

    public static void Fused<R>(string name, float[] w, float[] g, float[][] s, long t, in R penalty)
        where R : struct, IElementwiseRegularizer<float>
    {
        switch (name)
        {
            case "Sgd": Sgd.Step(w, g, t, penalty, 0.1f, 0.01f); break;
            case "SgdMomentum": SgdMomentum.Step(w, g, s[0], t, penalty, 0.1f, 0.8f, 0.01f); break;
            case "Nesterov": Nesterov.Step(w, g, s[0], t, penalty, 0.1f, 0.8f, 0.01f); break;
            case "AdaGrad": AdaGrad.Step(w, g, s[0], t, penalty, 0.1f, 0.01f, 0.01f, 1e-10f); break;
            case "RmsProp": RmsProp.Step(w, g, s[0], t, penalty, 0.01f, 0.9f, 1e-8f, 0.01f); break;
            case "RmsPropMomentum": RmsPropMomentum.Step(w, g, s[0], s[1], t, penalty, 0.01f, 0.9f, 1e-8f, 0.5f, 0.01f); break;
            case "Adam": Adam.Step(w, g, s[0], s[1], t, penalty, 0.01f, 0.8f, 0.99f, 1e-8f, 0.01f); break;
            case "AdamWTorch": AdamWTorch.Step(w, g, s[0], s[1], t, penalty, 0.01f, 0.8f, 0.99f, 1e-8f, 0.01f); break;
            case "AdamWPaper": AdamWPaper.Step(w, g, s[0], s[1], t, penalty, 0.001f, 0.01f, 0.8f, 0.99f, 1e-8f, 0.5f); break;
            default: throw new ArgumentException("No built-in " + name, nameof(name));
        }
    }
}
