using LossGen.Training;

namespace DigitsSoftmax.Training;

/// <summary>
/// Receives the optimizer <see cref="OptimizerFactory"/> built, as its own struct type: the trainer
/// is generic over the optimizer so its step loop is specialised, which a value typed as the
/// interface would defeat.
/// </summary>
public interface IOptimizerConsumer<TResult>
{
    TResult Use<TOptimizer>(TOptimizer optimizer)
        where TOptimizer : IOptimizer<float>;
}
