using System;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary>
/// Every <see cref="ILanes{TSelf, T}"/> member of a double lane type, lane by lane, against scalar
/// double arithmetic (bit-exact where IEEE fixes the answer) or System.Math in double (the math
/// functions, within <see cref="DoubleTolerance"/>). Inputs are pseudo-random with a fixed seed plus
/// special values, so a failure reproduces.
/// </summary>
public abstract class DoubleLaneContract<V>
    where V : struct, ILanes<V, double>
{
    private const double MinNormal = 2.2250738585072014e-308;

    private static readonly double[] Specials =
    [
        0, -0, 1, -1, 0.5, -3, 100, -100, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
        double.MaxValue, -double.MaxValue, double.Epsilon, -double.Epsilon, MinNormal, -MinNormal,
    ];

    protected abstract int ExpectedCount { get; }

    private static int N => V.Count;

    private static V Make(double[] lanes) => V.Load(lanes, 0);

    private static double[] Lanes(V value)
    {
        var lanes = new double[N];
        V.Store(lanes, 0, value);
        return lanes;
    }

    /// <summary>Vectors whose lanes are a quarter special values and otherwise ±(1..2)·2^[-30, 30].</summary>
    private static double[][] Inputs(int seed, int vectors = 300)
    {
        var random = new Random(seed);
        var inputs = new double[vectors][];
        for (int v = 0; v < vectors; v++)
        {
            inputs[v] = new double[N];
            for (int i = 0; i < N; i++)
            {
                inputs[v][i] = random.Next(4) == 0
                    ? Specials[random.Next(Specials.Length)]
                    : (random.Next(2) == 0 ? -1 : 1) * Math.ScaleB(1 + random.NextDouble(), random.Next(-30, 31));
            }
        }
        return inputs;
    }

    private static double[][] Uniform(int seed, double low, double high, int vectors = 300)
    {
        var random = new Random(seed);
        var inputs = new double[vectors][];
        for (int v = 0; v < vectors; v++)
        {
            inputs[v] = new double[N];
            for (int i = 0; i < N; i++)
            {
                inputs[v][i] = random.Next(8) == 0 ? Specials[random.Next(Specials.Length)] : (low + (high - low) * random.NextDouble());
            }
        }
        return inputs;
    }

    private static void SameValue(double actual, double expected, string what)
    {
        if (double.IsNaN(expected))
        {
            double.IsNaN(actual).ShouldBeTrue($"{what}: expected NaN, got {actual}");
        }
        else
        {
            BitConverter.DoubleToInt64Bits(actual).ShouldBe(BitConverter.DoubleToInt64Bits(expected), $"{what}: expected {expected}, got {actual}");
        }
    }

    private static double MaskValue(bool set) => set ? BitConverter.Int64BitsToDouble(-1L) : 0;

    private static void Unary(Func<V, V> lanes, Func<double, double> expected, string name)
    {
        foreach (double[] x in Inputs(name.GetHashCode(StringComparison.Ordinal) & 0xFFFF))
        {
            double[] actual = Lanes(lanes(Make(x)));
            for (int i = 0; i < N; i++)
            {
                SameValue(actual[i], expected(x[i]), $"{name}({x[i]})");
            }
        }
    }

    private static void Binary(Func<V, V, V> lanes, Func<double, double, double> expected, string name)
    {
        double[][] a = Inputs(11), b = Inputs(12);
        for (int v = 0; v < a.Length; v++)
        {
            double[] actual = Lanes(lanes(Make(a[v]), Make(b[v])));
            for (int i = 0; i < N; i++)
            {
                SameValue(actual[i], expected(a[v][i], b[v][i]), $"{name}({a[v][i]}, {b[v][i]})");
            }
        }
    }

    [Fact]
    public void Constants()
    {
        V.Count.ShouldBe(ExpectedCount);
        Lanes(V.Zero).ShouldAllBe(x => BitConverter.DoubleToInt64Bits(x) == 0);
        Lanes(V.One).ShouldAllBe(x => x == 1);
        Lanes(V.Splat(-2.5)).ShouldAllBe(x => x == -2.5);
    }

    [Fact]
    public void Arithmetic_is_ieee_exact()
    {
        Binary((a, b) => a + b, (a, b) => a + b, "+");
        Binary((a, b) => a - b, (a, b) => a - b, "-");
        Binary((a, b) => a * b, (a, b) => a * b, "*");
        Binary((a, b) => a / b, (a, b) => a / b, "/");
        Unary(a => -a, a => -a, "negate");
        Unary(V.Abs, Math.Abs, "Abs");
        Unary(V.Sqrt, Math.Sqrt, "Sqrt");
    }

    [Fact]
    public void MultiplyAdd_is_fused_or_the_separate_multiply_and_add()
    {
        double[][] a = Inputs(21), b = Inputs(22), c = Inputs(23);
        for (int v = 0; v < a.Length; v++)
        {
            double[] actual = Lanes(V.MultiplyAdd(Make(a[v]), Make(b[v]), Make(c[v])));
            for (int i = 0; i < N; i++)
            {
                double fused = Math.FusedMultiplyAdd(a[v][i], b[v][i], c[v][i]);
                double separate = a[v][i] * b[v][i] + c[v][i];
                bool ok = actual[i].Equals(fused) || actual[i].Equals(separate);
                ok.ShouldBeTrue($"MultiplyAdd({a[v][i]}, {b[v][i]}, {c[v][i]}) = {actual[i]}, expected {fused} or {separate}");
            }
        }
    }

    [Fact]
    public void Max_and_Min_follow_ieee_754_2019_like_MathF()
    {
        Binary(V.Max, Math.Max, "Max");
        Binary(V.Min, Math.Min, "Min");
    }

    /// <summary>
    /// RunningMax/Min promise the extreme only where neither operand is NaN, and either zero for ±0
    /// (the generated reductions keep NaN lanes beside them; see Generator tests for the reductions).
    /// </summary>
    [Fact]
    public void RunningMax_and_RunningMin_are_the_extreme_of_ordered_operands()
    {
        double[][] a = Inputs(13), b = Inputs(14);
        for (int v = 0; v < a.Length; v++)
        {
            double[] max = Lanes(V.RunningMax(Make(a[v]), Make(b[v]))), min = Lanes(V.RunningMin(Make(a[v]), Make(b[v])));
            for (int i = 0; i < N; i++)
            {
                double x = a[v][i], y = b[v][i];
                if (double.IsNaN(x) || double.IsNaN(y)) continue;
                max[i].ShouldBe(Math.Max(x, y), $"RunningMax({x}, {y})");
                min[i].ShouldBe(Math.Min(x, y), $"RunningMin({x}, {y})");
            }
        }
    }

    [Fact]
    public void Sign_is_unit_with_plus_zero_at_zeros_and_NaN_for_NaN()
    {
        Unary(V.Sign, x => x > 0 ? 1 : x < 0 ? -1 : double.IsNaN(x) ? double.NaN : 0, "Sign");
    }

    [Fact]
    public void Comparisons_give_all_bits_masks()
    {
        Binary(V.Equal, (a, b) => MaskValue(a == b), "Equal");
        Binary(V.NotEqual, (a, b) => MaskValue(a != b), "NotEqual");
        Binary(V.LessThan, (a, b) => MaskValue(a < b), "LessThan");
        Binary(V.LessThanOrEqual, (a, b) => MaskValue(a <= b), "LessThanOrEqual");
        Binary(V.GreaterThan, (a, b) => MaskValue(a > b), "GreaterThan");
        Binary(V.GreaterThanOrEqual, (a, b) => MaskValue(a >= b), "GreaterThanOrEqual");
    }

    [Fact]
    public void Mask_logic_and_Select()
    {
        double[][] a = Inputs(31), b = Inputs(32);
        for (int v = 0; v < a.Length; v++)
        {
            V ma = V.LessThan(Make(a[v]), V.Zero), mb = V.GreaterThan(Make(b[v]), V.One);
            double[] and = Lanes(V.And(ma, mb)), or = Lanes(V.Or(ma, mb)), not = Lanes(V.Not(ma));
            double[] select = Lanes(V.Select(ma, Make(a[v]), Make(b[v])));
            for (int i = 0; i < N; i++)
            {
                bool pa = a[v][i] < 0, pb = b[v][i] > 1;
                SameValue(and[i], MaskValue(pa && pb), "And");
                SameValue(or[i], MaskValue(pa || pb), "Or");
                SameValue(not[i], MaskValue(!pa), "Not");
                SameValue(select[i], pa ? a[v][i] : b[v][i], "Select");
            }
        }
    }

    public static TheoryData<IndexComparison> AllComparisons() =>
        new(Enum.GetValues<IndexComparison>());

    [Theory]
    [MemberData(nameof(AllComparisons))]
    public void IndexMask_compares_start_plus_lane_with_value(IndexComparison op)
    {
        int[] starts = [0, 1, 5, 13, -3, 1000, int.MaxValue - 2, int.MaxValue, int.MinValue, int.MinValue + 1];
        int[] deltas = [-2, -1, 0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 100];
        foreach (int start in starts)
        {
            foreach (long candidate in Array.ConvertAll(deltas, d => (long)start + d))
            {
                int value = (int)Math.Clamp(candidate, int.MinValue, int.MaxValue);
                double[] actual = Lanes(V.IndexMask(start, op, value));
                for (int lane = 0; lane < N; lane++)
                {
                    long index = (long)start + lane;
                    bool expected = op switch
                    {
                        IndexComparison.Equal => index == value,
                        IndexComparison.NotEqual => index != value,
                        IndexComparison.Less => index < value,
                        IndexComparison.LessOrEqual => index <= value,
                        IndexComparison.Greater => index > value,
                        _ => index >= value,
                    };
                    SameValue(actual[lane], MaskValue(expected), $"IndexMask({start}, {op}, {value}) lane {lane}");
                }
            }
        }
    }

    [Fact]
    public void FirstLanes_sets_exactly_the_first_count()
    {
        for (int count = 0; count <= N; count++)
        {
            double[] actual = Lanes(V.FirstLanes(count));
            for (int lane = 0; lane < N; lane++)
            {
                SameValue(actual[lane], MaskValue(lane < count), $"FirstLanes({count}) lane {lane}");
            }
        }
    }

    [Fact]
    public void Load_Store_AddTo_at_any_offset()
    {
        var data = new double[3 * N + 3];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i * 1.5 - 7;
        }
        for (int offset = 0; offset + N <= data.Length; offset++)
        {
            double[] lanes = Lanes(V.Load(data, offset));
            for (int i = 0; i < N; i++)
            {
                lanes[i].ShouldBe(data[offset + i]);
            }
            var target = (double[])data.Clone();
            V.Store(target, offset, V.Splat(42));
            V.AddTo(target, offset, V.Splat(0.5));
            for (int i = 0; i < target.Length; i++)
            {
                target[i].ShouldBe(i >= offset && i < offset + N ? 42.5 : data[i], $"element {i}, offset {offset}");
            }
        }
    }

    private const double Canary = -12345.5;

    /// <summary>
    /// Every offset and count: the span ends exactly at offset + count (on Linux right before an
    /// unmapped page, so an out-of-bounds read or write crashes), or runs on with canaries after it.
    /// Lanes past count must load as zero; memory past count must keep its canaries.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Partial_members_touch_only_the_first_count_elements(bool roomAfter)
    {
        for (int offset = 0; offset <= N + 1; offset++)
        {
            for (int count = 0; count <= N; count++)
            {
                int length = offset + count + (roomAfter ? N : 0);
                using var memory = new GuardedMemory<double>(length);
                Span<double> span = memory.Span;
                span.Fill(Canary);
                for (int i = 0; i < count; i++)
                {
                    span[offset + i] = i + 1;
                }

                double[] loaded = Lanes(V.LoadPartial(span, offset, count));
                for (int lane = 0; lane < N; lane++)
                {
                    loaded[lane].ShouldBe(lane < count ? lane + 1 : 0, $"LoadPartial offset {offset} count {count} lane {lane}");
                }

                V.StorePartial(span, offset, count, V.Splat(7));
                V.AddToPartial(span, offset, count, V.Splat(0.25));
                for (int i = 0; i < length; i++)
                {
                    bool inside = i >= offset && i < offset + count;
                    span[i].ShouldBe(inside ? 7.25 : Canary, $"element {i} after StorePartial/AddToPartial offset {offset} count {count}");
                }
            }
        }
    }

    [Fact]
    public void Horizontal_reductions()
    {
        var random = new Random(41);
        for (int trial = 0; trial < 300; trial++)
        {
            var x = new double[N];
            double exact = 0, magnitude = 0;
            for (int i = 0; i < N; i++)
            {
                x[i] = (double)((random.NextDouble() - 0.5) * Math.ScaleB(1, random.Next(-10, 10)));
                exact += x[i];
                magnitude += Math.Abs(x[i]);
            }
            // Any summation order of N terms errs by at most (N − 1)·u·Σ|x| (u = 2^-53); pairwise
            // halving needs only log2(N), but the bound must hold for any order a width may use.
            double bound = Math.Max(N - 1, 0) * Math.ScaleB(1, -53) * magnitude;
            Math.Abs(V.Sum(Make(x)) - exact).ShouldBeLessThanOrEqualTo(bound);
            double max = double.NegativeInfinity, min = double.PositiveInfinity;
            foreach (double value in x)
            {
                max = Math.Max(max, value);
                min = Math.Min(min, value);
            }
            V.MaxAcross(Make(x)).ShouldBe(max);
            V.MinAcross(Make(x)).ShouldBe(min);

            x[random.Next(N)] = double.NaN;
            double.IsNaN(V.MaxAcross(Make(x))).ShouldBeTrue("NaN in any lane propagates through MaxAcross");
            double.IsNaN(V.MinAcross(Make(x))).ShouldBeTrue("NaN in any lane propagates through MinAcross");
        }
    }

    private static void Accurate(Func<V, V> lanes, Func<double, double> exact, double[][] inputs, double ulps, string name)
    {
        foreach (double[] x in inputs)
        {
            double[] actual = Lanes(lanes(Make(x)));
            for (int i = 0; i < N; i++)
            {
                double error = Ulp.DoubleError(actual[i], exact(x[i]));
                error.ShouldBeLessThanOrEqualTo(ulps, $"{name}({x[i]:R}) = {actual[i]:R}, exact {exact(x[i]):R}");
            }
        }
    }

    [Fact]
    public void Exp_Log_Tanh_Sigmoid_Softplus_match_double_math()
    {
        Accurate(V.Exp, Math.Exp, Uniform(51, -760, 760), DoubleTolerance.Exp, "Exp");
        Accurate(V.Log, Math.Log, Inputs(52), DoubleTolerance.Log, "Log");
        Accurate(V.Tanh, Math.Tanh, Uniform(53, -25, 25), DoubleTolerance.Tanh, "Tanh");
        Accurate(V.Sigmoid, ReferenceMath.Sigmoid, Uniform(54, -800, 800), DoubleTolerance.Sigmoid, "Sigmoid");
        Accurate(V.Softplus, ReferenceMath.Softplus, Uniform(55, -800, 800), DoubleTolerance.Softplus, "Softplus");
    }

    [Fact]
    public void Math_edge_cases()
    {
        double Exp(double x) => Lanes(V.Exp(V.Splat(x)))[N - 1];
        double Log(double x) => Lanes(V.Log(V.Splat(x)))[N - 1];
        double Tanh(double x) => Lanes(V.Tanh(V.Splat(x)))[N - 1];
        double Sigmoid(double x) => Lanes(V.Sigmoid(V.Splat(x)))[N - 1];
        double Softplus(double x) => Lanes(V.Softplus(V.Splat(x)))[N - 1];

        SameValue(Exp(double.NegativeInfinity), 0, "exp(-inf)");
        SameValue(Exp(-1000), 0, "exp(-1000)");
        SameValue(Exp(-746.0), 0.0, "exp(-746)");
        SameValue(Exp(710.0), double.PositiveInfinity, "exp(710)");
        SameValue(Exp(1000), double.PositiveInfinity, "exp(1000)");
        SameValue(Exp(double.PositiveInfinity), double.PositiveInfinity, "exp(+inf)");
        SameValue(Exp(double.NaN), double.NaN, "exp(NaN)");
        SameValue(Exp(0), 1, "exp(0)");
        SameValue(Exp(-0), 1, "exp(-0)");
        Ulp.DoubleError(Exp(-740.0), Math.Exp(-740)).ShouldBeLessThanOrEqualTo(1, "subnormal result");
        Ulp.DoubleError(Exp(709.78), Math.Exp(709.78)).ShouldBeLessThanOrEqualTo(DoubleTolerance.Exp, "near double.MaxValue");

        SameValue(Log(0), double.NegativeInfinity, "log(0)");
        SameValue(Log(-0), double.NegativeInfinity, "log(-0)");
        SameValue(Log(-1), double.NaN, "log(-1)");
        SameValue(Log(double.NegativeInfinity), double.NaN, "log(-inf)");
        SameValue(Log(double.PositiveInfinity), double.PositiveInfinity, "log(+inf)");
        SameValue(Log(double.NaN), double.NaN, "log(NaN)");
        SameValue(Log(1), 0, "log(1)");
        foreach (double subnormal in new[] { double.Epsilon, 3 * double.Epsilon, 1e-310, MinNormal / 2, MinNormal })
        {
            Ulp.DoubleError(Log(subnormal), Math.Log(subnormal)).ShouldBeLessThanOrEqualTo(DoubleTolerance.Log, $"log({subnormal:R})");
        }

        SameValue(Tanh(double.PositiveInfinity), 1, "tanh(+inf)");
        SameValue(Tanh(double.NegativeInfinity), -1, "tanh(-inf)");
        SameValue(Tanh(-0), -0, "tanh(-0)");
        SameValue(Tanh(double.NaN), double.NaN, "tanh(NaN)");

        SameValue(Sigmoid(-1000), 0, "sigmoid(-1000)");
        SameValue(Sigmoid(1000), 1, "sigmoid(1000)");
        SameValue(Sigmoid(double.NegativeInfinity), 0, "sigmoid(-inf)");
        SameValue(Sigmoid(double.PositiveInfinity), 1, "sigmoid(+inf)");
        SameValue(Sigmoid(double.NaN), double.NaN, "sigmoid(NaN)");

        SameValue(Softplus(1000), 1000, "softplus(1000)");
        SameValue(Softplus(-1000), 0, "softplus(-1000)");
        SameValue(Softplus(double.PositiveInfinity), double.PositiveInfinity, "softplus(+inf)");
        SameValue(Softplus(double.NegativeInfinity), 0, "softplus(-inf)");
        SameValue(Softplus(double.NaN), double.NaN, "softplus(NaN)");
        Ulp.DoubleError(Softplus(-60.0), ReferenceMath.Softplus(-60)).ShouldBeLessThanOrEqualTo(DoubleTolerance.Softplus, "softplus(-60) ≈ e^-60, not 0");
    }
}

public sealed class D512Contract : DoubleLaneContract<D512>
{
    protected override int ExpectedCount => 8;
}

public sealed class D256Contract : DoubleLaneContract<D256>
{
    protected override int ExpectedCount => 4;
}

public sealed class D128Contract : DoubleLaneContract<D128>
{
    protected override int ExpectedCount => 2;
}

public sealed class D1Contract : DoubleLaneContract<D1>
{
    protected override int ExpectedCount => 1;
}
