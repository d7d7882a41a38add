using System;
using System.Numerics;
using LossGen.Optimization;
using static LossGen.CompilerServices.AdapterSupport;

namespace LossGen.Training;

/// <summary>
/// Mini-batch gradient descent over an objective, an optimizer and a learning-rate schedule, all
/// structs given as type arguments: the JIT compiles one specialised loop per combination, so a
/// step makes direct calls only and allocates nothing. The trainer owns the parameters, the
/// gradient, the optimizer state, the step counter and the shuffling generator — everything a
/// checkpoint needs to resume bit for bit.
/// </summary>
/// <remarks>
/// Each epoch visits the training rows in an order drawn from the seeded generator; the order of
/// the next epoch is drawn as soon as the previous one ends, so the state between two steps is
/// always complete (and is what a checkpoint saves). A step computes the batch's value and
/// gradient, optionally clips the gradient, asks the schedule for update number
/// <c>Steps</c> (0-based) and calls the optimizer with t = Steps + 1. With
/// <see cref="TrainerOptions.StopOnNonFinite"/> (the default) a batch whose loss or gradient norm is
/// NaN or infinite throws <see cref="NonFiniteTrainingException"/> before clipping and the update.
/// Counters advance only after
/// the optimizer returns, so a step that throws leaves the trainer as it was (the generated kernels
/// and optimizers check their arguments before writing).
/// </remarks>
public sealed partial class Trainer<TObjective, TOptimizer, TSchedule, T>
    where TObjective : IBatchObjective<T>
    where TOptimizer : IOptimizer<T>
    where TSchedule : ILearningRateSchedule
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // Not readonly: calls on readonly struct fields would copy the struct first.
    private TObjective _objective;
    private TOptimizer _optimizer;
    private TSchedule _schedule;

    private readonly TrainerOptions _options;
    private readonly int _batchSize;
    private readonly T[] _parameters;
    private readonly T[] _gradient;
    private readonly T[] _state;
    private readonly T[] _best;
    private readonly int[] _order;

    private TrainingRandom _rng;
    private long _step;
    private int _epoch;
    private int _position;
    private double _epochLossSum;
    private int _epochRows;
    private bool _hasBest;
    private double _bestScore = double.NaN;
    private int _bestEpoch;
    private int _badEpochs;
    private bool _stopped;

    /// <summary>A trainer at step 0: the parameters copied, the optimizer state zero, the first epoch's row order shuffled with <c>options.Seed</c>.</summary>
    /// <param name="objective">The model and loss, with its training set.</param>
    /// <param name="optimizer">The update rule; its state buffers start at zero.</param>
    /// <param name="schedule">The learning-rate multiplier per step.</param>
    /// <param name="initialParameters">The starting parameters, <c>objective.ParameterCount</c> of them (copied).</param>
    /// <param name="options">Batch size, epochs, seed, clipping, early stopping and the non-finite check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range, the objective has no parameters or no examples, the initial parameters have the wrong length, or the optimizer reports a negative number of state buffers.</exception>
    public Trainer(TObjective objective, TOptimizer optimizer, TSchedule schedule, ReadOnlySpan<T> initialParameters, TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ValidateOptions(options);
        int parameterCount = objective.ParameterCount;
        int examples = objective.ExampleCount;
        if (parameterCount <= 0)
        {
            throw new ArgumentException($"The objective has {parameterCount} parameters; it needs at least one.", nameof(objective));
        }

        if (examples <= 0)
        {
            throw new ArgumentException("The objective's training set is empty (ExampleCount = 0).", nameof(objective));
        }

        if (initialParameters.Length != parameterCount)
        {
            throw new ArgumentException(
                $"initialParameters has length {initialParameters.Length}; the objective has {parameterCount} parameters.",
                nameof(initialParameters));
        }

        if (options.MaxGradientNorm is not null && !IsFloat<T>() && typeof(T) != typeof(double))
        {
            throw new ArgumentException(
                $"Gradient clipping is implemented for float and double only, not {typeof(T).Name}.", "options.MaxGradientNorm");
        }

        int stateBuffers = optimizer.StateBufferCount;
        if (stateBuffers < 0)
        {
            throw new ArgumentException($"The optimizer reports {stateBuffers} state buffers.", nameof(optimizer));
        }

        _objective = objective;
        _optimizer = optimizer;
        _schedule = schedule;
        _options = options;
        _batchSize = Math.Min(options.BatchSize, examples);
        _parameters = initialParameters.ToArray();
        _gradient = new T[parameterCount];
        _state = new T[checked(stateBuffers * parameterCount)];
        _best = new T[parameterCount];
        _order = new int[examples];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _rng = new TrainingRandom(options.Seed);
        _rng.Shuffle(_order);
    }

    /// <summary>The current parameters (live: they change with every step).</summary>
    public ReadOnlySpan<T> Parameters => _parameters;

    /// <summary>The optimizer state, one buffer of <c>ParameterCount</c> elements after another.</summary>
    public ReadOnlySpan<T> OptimizerState => _state;

    /// <summary>The options the trainer was created with.</summary>
    public TrainerOptions Options => _options;

    /// <summary>The batch size in use: the requested one, capped at the training-set size.</summary>
    public int BatchSize => _batchSize;

    /// <summary>Optimizer updates taken so far.</summary>
    public long Steps => _step;

    /// <summary>Epochs completed so far.</summary>
    public int Epochs => _epoch;

    /// <summary>True once early stopping has triggered; Fit then returns at once.</summary>
    public bool Stopped => _stopped;

    /// <summary>
    /// Takes one step on the next batch of the current epoch's order. Returns true when that batch
    /// ended the epoch (the next order has then been drawn).
    /// </summary>
    public bool Step() => StepCore(out _, out _);

    /// <summary>Puts back the parameters of the best validation epoch seen so far; false if there is none.</summary>
    public bool RestoreBest()
    {
        if (!_hasBest)
        {
            return false;
        }

        _best.CopyTo(_parameters.AsSpan());
        return true;
    }

    private bool StepCore(out StepReport report, out double epochMeanLoss)
    {
        using var degree = Parallelism.LimitIf(_options.DegreeOfParallelism);
        int n = Math.Min(_batchSize, _order.Length - _position);
        ReadOnlySpan<int> rows = _order.AsSpan(_position, n);
        T value = _objective.ValueAndGradient(_parameters, rows, _gradient);
        double loss = double.CreateTruncating(value);

        // One norm serves the non-finite check and clipping; it is not computed when neither is on.
        double norm = double.NaN;
        if (_options.StopOnNonFinite || _options.MaxGradientNorm is not null)
        {
            norm = GlobalNorm(_gradient);
        }

        // Before clipping and the update: nothing of the trainer has moved yet (the gradient is scratch).
        if (_options.StopOnNonFinite && !(double.IsFinite(loss) && double.IsFinite(norm)))
        {
            ThrowNonFinite(rows, loss, norm);
        }

        if (_options.MaxGradientNorm is double maxNorm)
        {
            if (IsFloat<T>())
            {
                GradientClipping.ClipWithNorm(maxNorm, norm, As<T, float>(_gradient.AsSpan()));
            }
            else
            {
                GradientClipping.ClipWithNorm(maxNorm, norm, As<T, double>(_gradient.AsSpan()));
            }
        }

        double multiplier = _schedule.Multiplier(_step);
        _optimizer.Step(_parameters, _gradient, _state, _step + 1, multiplier);

        // The update is done; only now does the trainer's position move.
        report = new StepReport(_step + 1, _epoch, loss, n, multiplier, norm);
        _step++;
        _position += n;
        _epochLossSum += loss * n;
        _epochRows += n;
        epochMeanLoss = double.NaN;
        if (_position < _order.Length)
        {
            return false;
        }

        epochMeanLoss = _epochLossSum / _epochRows;
        _epoch++;
        _position = 0;
        _epochLossSum = 0;
        _epochRows = 0;
        _rng.Shuffle(_order);
        return true;
    }

    /// <summary>
    /// The gradient's global L2 norm in double, overflow-safe: float squares summed in double (one
    /// pass), double and other types in one pass with a rescaled second one only for extreme
    /// magnitudes. The same value <see cref="GradientClipping.ClipByGlobalNorm(double, Span{float})"/>
    /// computes, so clipping is unchanged.
    /// </summary>
    private static double GlobalNorm(ReadOnlySpan<T> gradient) =>
        IsFloat<T>() ? StableNorm.Euclidean(As<T, float>(gradient)) : StableNorm.EuclideanOnePass(gradient);

    private void ThrowNonFinite(ReadOnlySpan<int> rows, double loss, double norm) =>
        throw new NonFiniteTrainingException(_epoch, _position / _batchSize, _step + 1, rows.ToArray(), loss, norm);

    private static void ValidateOptions(TrainerOptions options)
    {
        if (options.BatchSize <= 0)
        {
            throw new ArgumentException($"The batch size must be at least 1, but is {options.BatchSize}.", "options.BatchSize");
        }

        if (options.Patience < 0)
        {
            throw new ArgumentException($"Patience must not be negative, but is {options.Patience}.", "options.Patience");
        }

        if (!(options.MinDelta >= 0) || double.IsInfinity(options.MinDelta))
        {
            throw new ArgumentException($"MinDelta must be finite and not negative, but is {options.MinDelta}.", "options.MinDelta");
        }

        if (options.MaxGradientNorm is double max && !(max >= 0))
        {
            throw new ArgumentException($"MaxGradientNorm must not be negative or NaN, but is {max}.", "options.MaxGradientNorm");
        }

        if (options.DegreeOfParallelism is int degree && degree < 1)
        {
            throw new ArgumentException($"DegreeOfParallelism must be at least 1 (or null), but is {degree}.", "options.DegreeOfParallelism");
        }
    }
}
