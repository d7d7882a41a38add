using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace LossGen.Training;

/// <summary>
/// Checkpoints: everything that decides the rest of a run — parameters, optimizer state, step and
/// epoch counters, the position inside the epoch, the epoch's order and the generator's position,
/// the running epoch loss and the early-stopping record — in a small versioned binary format
/// (<see cref="CheckpointFormat"/>). Hyper-parameters, the schedule and the data are not saved:
/// a checkpoint is resumed by a trainer built the same way.
/// </summary>
public sealed partial class Trainer<TObjective, TOptimizer, TSchedule, T>
{
    /// <summary>Writes a checkpoint at the current position (between two steps).</summary>
    public void SaveCheckpoint(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckpointFormat.RequireLittleEndian();
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(CheckpointFormat.Magic);
        writer.Write(CheckpointFormat.Version);
        writer.Write(CheckpointFormat.ElementCode<T>());
        writer.Write(_parameters.Length);
        writer.Write(_state.Length);
        writer.Write(_order.Length);
        writer.Write(_step);
        writer.Write(_epoch);
        writer.Write(_position);
        writer.Write(_rng.State);
        writer.Write(_epochLossSum);
        writer.Write(_epochRows);
        writer.Write(_hasBest);
        writer.Write(_bestScore);
        writer.Write(_bestEpoch);
        writer.Write(_badEpochs);
        writer.Write(_stopped);
        writer.Write(MemoryMarshal.AsBytes(_order.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_parameters.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_state.AsSpan()));
        if (_hasBest)
        {
            writer.Write(MemoryMarshal.AsBytes(_best.AsSpan()));
        }
    }

    /// <summary>
    /// Replaces this trainer's position with a checkpoint's. Everything is read and checked before
    /// anything is assigned, so a bad stream leaves the trainer as it was.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is not a checkpoint, is truncated, or was written by a trainer of another shape.</exception>
    public void LoadCheckpoint(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CheckpointFormat.RequireLittleEndian();
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != CheckpointFormat.Magic)
            {
                throw new InvalidDataException("Not a LossGen trainer checkpoint (wrong magic number).");
            }

            int version = reader.ReadInt32();
            if (version != CheckpointFormat.Version)
            {
                throw new InvalidDataException($"Checkpoint format version {version}; this build reads version {CheckpointFormat.Version}.");
            }

            Expect("element type code", reader.ReadByte(), CheckpointFormat.ElementCode<T>());
            Expect("parameter count", reader.ReadInt32(), _parameters.Length);
            Expect("optimizer state length", reader.ReadInt32(), _state.Length);
            Expect("training-set size", reader.ReadInt32(), _order.Length);
            long step = reader.ReadInt64();
            int epoch = reader.ReadInt32();
            int position = reader.ReadInt32();
            ulong rng = reader.ReadUInt64();
            double epochLossSum = reader.ReadDouble();
            int epochRows = reader.ReadInt32();
            bool hasBest = reader.ReadBoolean();
            double bestScore = reader.ReadDouble();
            int bestEpoch = reader.ReadInt32();
            int badEpochs = reader.ReadInt32();
            bool stopped = reader.ReadBoolean();
            if (step < 0 || epoch < 0 || position < 0 || position >= _order.Length || epochRows != position || badEpochs < 0)
            {
                throw new InvalidDataException(
                    $"Inconsistent counters: step {step}, epoch {epoch}, position {position} of {_order.Length}, rows {epochRows}.");
            }

            int[] order = new int[_order.Length];
            ReadExactly(reader, MemoryMarshal.AsBytes(order.AsSpan()));
            CheckPermutation(order);
            T[] parameters = new T[_parameters.Length];
            ReadExactly(reader, MemoryMarshal.AsBytes(parameters.AsSpan()));
            T[] state = new T[_state.Length];
            ReadExactly(reader, MemoryMarshal.AsBytes(state.AsSpan()));
            T[] best = new T[_best.Length];
            if (hasBest)
            {
                ReadExactly(reader, MemoryMarshal.AsBytes(best.AsSpan()));
            }

            // Everything is read and valid: commit.
            order.CopyTo(_order.AsSpan());
            parameters.CopyTo(_parameters.AsSpan());
            state.CopyTo(_state.AsSpan());
            best.CopyTo(_best.AsSpan());
            _step = step;
            _epoch = epoch;
            _position = position;
            _rng = new TrainingRandom(rng);
            _epochLossSum = epochLossSum;
            _epochRows = epochRows;
            _hasBest = hasBest;
            _bestScore = bestScore;
            _bestEpoch = bestEpoch;
            _badEpochs = badEpochs;
            _stopped = stopped;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The checkpoint is truncated.", e);
        }
    }

    private static void Expect(string what, long actual, long expected)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"The checkpoint's {what} is {actual}; this trainer's is {expected}.");
        }
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> destination)
    {
        reader.BaseStream.ReadExactly(destination);
    }

    private static void CheckPermutation(int[] order)
    {
        var seen = new bool[order.Length];
        foreach (int i in order)
        {
            if ((uint)i >= (uint)order.Length || seen[i])
            {
                throw new InvalidDataException("The checkpoint's row order is not a permutation of the training rows.");
            }

            seen[i] = true;
        }
    }
}
