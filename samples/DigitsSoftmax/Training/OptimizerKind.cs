namespace DigitsSoftmax.Training;

/// <summary>The update rules the command line offers, each one of LossGen's generated optimizers.</summary>
public enum OptimizerKind
{
    Sgd,
    Momentum,
    Nesterov,
    AdaGrad,
    RmsProp,
    Adam,
    AdamW,
}
