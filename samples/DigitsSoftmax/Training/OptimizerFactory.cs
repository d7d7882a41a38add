using System;
using LossGen.Builtins;
using LossGen.Training;

namespace DigitsSoftmax.Training;

/// <summary>
/// The one place that names LossGen's optimizer adapter types, so a rename of those types touches
/// only this file. Hyper-parameters other than the learning rate are PyTorch's defaults.
/// </summary>
public static class OptimizerFactory
{
    /// <summary>AdamW's decoupled weight decay, PyTorch's default; λ still penalises W in the loss.</summary>
    private const double AdamWDecay = 1e-2;

    public static TResult Create<TResult>(OptimizerKind kind, double learningRate, IOptimizerConsumer<TResult> consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        return kind switch
        {
            OptimizerKind.Sgd => consumer.Use(new Sgd.Optimizer<float>(learningRate)),
            OptimizerKind.Momentum => consumer.Use(new SgdMomentum.Optimizer<float>(learningRate)),
            OptimizerKind.Nesterov => consumer.Use(new Nesterov.Optimizer<float>(learningRate)),
            OptimizerKind.AdaGrad => consumer.Use(new AdaGrad.Optimizer<float>(learningRate)),
            OptimizerKind.RmsProp => consumer.Use(new RmsProp.Optimizer<float>(learningRate)),
            OptimizerKind.Adam => consumer.Use(new Adam.Optimizer<float>(learningRate)),
            OptimizerKind.AdamW => consumer.Use(new AdamWTorch.Optimizer<float>(learningRate, weightDecay: AdamWDecay)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an optimizer"),
        };
    }
}
