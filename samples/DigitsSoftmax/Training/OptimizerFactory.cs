using System;
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
            OptimizerKind.Sgd => consumer.Use(new SgdOptimizer<float>(learningRate)),
            OptimizerKind.Momentum => consumer.Use(new SgdMomentumOptimizer<float>(learningRate)),
            OptimizerKind.Nesterov => consumer.Use(new NesterovOptimizer<float>(learningRate)),
            OptimizerKind.AdaGrad => consumer.Use(new AdaGradOptimizer<float>(learningRate)),
            OptimizerKind.RmsProp => consumer.Use(new RmsPropOptimizer<float>(learningRate)),
            OptimizerKind.Adam => consumer.Use(new AdamOptimizer<float>(learningRate)),
            OptimizerKind.AdamW => consumer.Use(new AdamWTorchOptimizer<float>(learningRate, weightDecay: AdamWDecay)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an optimizer"),
        };
    }
}
