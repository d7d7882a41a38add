using System;
using System.Numerics;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary>
/// Every <see cref="ILanes{TSelf, T}"/> member of a float or double lane type, lane by lane, against
/// scalar arithmetic in <typeparamref name="T"/> (bit-exact where IEEE fixes the answer) or
/// System.Math in double (the math functions, within the <see cref="LaneFormat{T}"/> tolerances).
/// Inputs are pseudo-random with a fixed seed plus special values, so a failure reproduces.
/// </summary>
/// <remarks>
/// One source for both element types, so a check added for one cannot be forgotten for the other;
/// what genuinely differs (bit widths, precision, where exp overflows) is data in <see cref="LaneFormat{T}"/>.
/// </remarks>
public abstract class LaneContract<V, T>
    where V : struct, ILanes<V, T>
    where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>
{
    private static readonly LaneFormat<T> Format = LaneFormat.Of<T>();

    private static readonly T[] Specials =
    [
        T.Zero, T.NegativeZero, T.One, -T.One, Of(0.5), Of(-3), Of(100), Of(-100), T.NaN, T.PositiveInfinity, T.NegativeInfinity,
        T.MaxValue, -T.MaxValue, T.Epsilon, -T.Epsilon, Format.MinNormal, -Format.MinNormal,
    ];

    protected abstract int ExpectedCount { get; }

    private static int N => V.Count;

    private static T Of(double value) => T.CreateChecked(value);

    private static double Wide(T value) => double.CreateChecked(value);

    private static V Make(T[] lanes) => V.Load(lanes, 0);

    private static T[] Lanes(V value)
    {
        var lanes = new T[N];
        V.Store(lanes, 0, value);
        return lanes;
    }

    /// <summary>Vectors whose lanes are a quarter special values and otherwise ±(1..2)·2^[-30, 30].</summary>
    private static T[][] Inputs(int seed, int vectors = 300)
    {
        var random = new Random(seed);
        var inputs = new T[vectors][];
        for (int v = 0; v < vectors; v++)
        {
            inputs[v] = new T[N];
            for (int i = 0; i < N; i++)
            {
                inputs[v][i] = random.Next(4) == 0
                    ? Specials[random.Next(Specials.Length)]
                    : Of((random.Next(2) == 0 ? -1 : 1) * Math.ScaleB(1 + random.NextDouble(), random.Next(-30, 31)));
            }
        }
        return inputs;
    }

    private static T[][] Uniform(int seed, double low, double high, int vectors = 300)
    {
        var random = new Random(seed);
        var inputs = new T[vectors][];
        for (int v = 0; v < vectors; v++)
        {
            inputs[v] = new T[N];
            for (int i = 0; i < N; i++)
            {
                inputs[v][i] = random.Next(8) == 0 ? Specials[random.Next(Specials.Length)] : Of(low + (high - low) * random.NextDouble());
            }
        }
        return inputs;
    }

    private static void SameValue(T actual, T expected, string what)
    {
        if (T.IsNaN(expected))
        {
            T.IsNaN(actual).ShouldBeTrue($"{what}: expected NaN, got {actual}");
        }
        else
        {
            // Bits, not ==, so that −0 and +0 are told apart.
            Format.Bits(actual).ShouldBe(Format.Bits(expected), $"{what}: expected {expected}, got {actual}");
        }
    }

    private static T MaskValue(bool set) => set ? Format.AllBits : T.Zero;

    private static void Unary(Func<V, V> lanes, Func<T, T> expected, string name)
    {
        foreach (T[] x in Inputs(name.GetHashCode(StringComparison.Ordinal) & 0xFFFF))
        {
            T[] actual = Lanes(lanes(Make(x)));
            for (int i = 0; i < N; i++)
            {
                SameValue(actual[i], expected(x[i]), $"{name}({x[i]})");
            }
        }
    }

    private static void Binary(Func<V, V, V> lanes, Func<T, T, T> expected, string name)
    {
        T[][] a = Inputs(11), b = Inputs(12);
        for (int v = 0; v < a.Length; v++)
        {
            T[] actual = Lanes(lanes(Make(a[v]), Make(b[v])));
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
        Lanes(V.Zero).ShouldAllBe(x => Format.Bits(x) == 0);
        // ShouldAllBe takes an expression tree, which cannot call T's static operators: hence Equals.
        T one = T.One, splat = Of(-2.5);
        Lanes(V.One).ShouldAllBe(x => x.Equals(one));
        Lanes(V.Splat(splat)).ShouldAllBe(x => x.Equals(splat));
    }

    [Fact]
    public void Arithmetic_is_ieee_exact()
    {
        Binary((a, b) => a + b, (a, b) => a + b, "+");
        Binary((a, b) => a - b, (a, b) => a - b, "-");
        Binary((a, b) => a * b, (a, b) => a * b, "*");
        Binary((a, b) => a / b, (a, b) => a / b, "/");
        Unary(a => -a, a => -a, "negate");
        Unary(V.Abs, T.Abs, "Abs");
        Unary(V.Sqrt, T.Sqrt, "Sqrt");
    }

    [Fact]
    public void MultiplyAdd_is_fused_or_the_separate_multiply_and_add()
    {
        T[][] a = Inputs(21), b = Inputs(22), c = Inputs(23);
        for (int v = 0; v < a.Length; v++)
        {
            T[] actual = Lanes(V.MultiplyAdd(Make(a[v]), Make(b[v]), Make(c[v])));
            for (int i = 0; i < N; i++)
            {
                T fused = T.FusedMultiplyAdd(a[v][i], b[v][i], c[v][i]);
                T separate = a[v][i] * b[v][i] + c[v][i];
                bool ok = actual[i].Equals(fused) || actual[i].Equals(separate);
                ok.ShouldBeTrue($"MultiplyAdd({a[v][i]}, {b[v][i]}, {c[v][i]}) = {actual[i]}, expected {fused} or {separate}");
            }
        }
    }

    // float.Max and double.Max are MathF.Max and Math.Max (IEEE 754-2019 maximum: NaN wins, +0 > −0).
    [Fact]
    public void Max_and_Min_follow_ieee_754_2019_like_MathF()
    {
        Binary(V.Max, T.Max, "Max");
        Binary(V.Min, T.Min, "Min");
    }

    /// <summary>
    /// RunningMax/Min promise the extreme only where neither operand is NaN, and either zero for ±0
    /// (the generated reductions keep NaN lanes beside them; see Generator tests for the reductions).
    /// </summary>
    [Fact]
    public void RunningMax_and_RunningMin_are_the_extreme_of_ordered_operands()
    {
        T[][] a = Inputs(13), b = Inputs(14);
        for (int v = 0; v < a.Length; v++)
        {
            T[] max = Lanes(V.RunningMax(Make(a[v]), Make(b[v]))), min = Lanes(V.RunningMin(Make(a[v]), Make(b[v])));
            for (int i = 0; i < N; i++)
            {
                T x = a[v][i], y = b[v][i];
                if (T.IsNaN(x) || T.IsNaN(y)) continue;
                max[i].ShouldBe(T.Max(x, y), $"RunningMax({x}, {y})");
                min[i].ShouldBe(T.Min(x, y), $"RunningMin({x}, {y})");
            }
        }
    }

    [Fact]
    public void Sign_is_unit_with_plus_zero_at_zeros_and_NaN_for_NaN()
    {
        Unary(V.Sign, x => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.IsNaN(x) ? T.NaN : T.Zero, "Sign");
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
        T[][] a = Inputs(31), b = Inputs(32);
        for (int v = 0; v < a.Length; v++)
        {
            V ma = V.LessThan(Make(a[v]), V.Zero), mb = V.GreaterThan(Make(b[v]), V.One);
            T[] and = Lanes(V.And(ma, mb)), or = Lanes(V.Or(ma, mb)), not = Lanes(V.Not(ma));
            T[] select = Lanes(V.Select(ma, Make(a[v]), Make(b[v])));
            for (int i = 0; i < N; i++)
            {
                bool pa = a[v][i] < T.Zero, pb = b[v][i] > T.One;
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
                T[] actual = Lanes(V.IndexMask(start, op, value));
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
            T[] actual = Lanes(V.FirstLanes(count));
            for (int lane = 0; lane < N; lane++)
            {
                SameValue(actual[lane], MaskValue(lane < count), $"FirstLanes({count}) lane {lane}");
            }
        }
    }

    [Fact]
    public void Load_Store_AddTo_at_any_offset()
    {
        var data = new T[3 * N + 3];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = Of(i * 1.5 - 7);
        }
        for (int offset = 0; offset + N <= data.Length; offset++)
        {
            T[] lanes = Lanes(V.Load(data, offset));
            for (int i = 0; i < N; i++)
            {
                lanes[i].ShouldBe(data[offset + i]);
            }
            var target = (T[])data.Clone();
            V.Store(target, offset, V.Splat(Of(42)));
            V.AddTo(target, offset, V.Splat(Of(0.5)));
            for (int i = 0; i < target.Length; i++)
            {
                target[i].ShouldBe(i >= offset && i < offset + N ? Of(42.5) : data[i], $"element {i}, offset {offset}");
            }
        }
    }

    private static readonly T Canary = Of(-12345.5);

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
                using var memory = new GuardedMemory<T>(length);
                Span<T> span = memory.Span;
                span.Fill(Canary);
                for (int i = 0; i < count; i++)
                {
                    span[offset + i] = Of(i + 1);
                }

                T[] loaded = Lanes(V.LoadPartial(span, offset, count));
                for (int lane = 0; lane < N; lane++)
                {
                    loaded[lane].ShouldBe(lane < count ? Of(lane + 1) : T.Zero, $"LoadPartial offset {offset} count {count} lane {lane}");
                }

                V.StorePartial(span, offset, count, V.Splat(Of(7)));
                V.AddToPartial(span, offset, count, V.Splat(Of(0.25)));
                for (int i = 0; i < length; i++)
                {
                    bool inside = i >= offset && i < offset + count;
                    span[i].ShouldBe(inside ? Of(7.25) : Canary, $"element {i} after StorePartial/AddToPartial offset {offset} count {count}");
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
            var x = new T[N];
            double exact = 0, magnitude = 0;
            for (int i = 0; i < N; i++)
            {
                x[i] = Of((random.NextDouble() - 0.5) * Math.ScaleB(1, random.Next(-10, 10)));
                exact += Wide(x[i]);
                magnitude += Math.Abs(Wide(x[i]));
            }
            // Any summation order of N terms errs by at most (N − 1)·u·Σ|x| (u = 2^-precision); pairwise
            // halving needs only log2(N), but the bound must hold for any order a width may use.
            double bound = Math.Max(N - 1, 0) * Math.ScaleB(1, -Format.Precision) * magnitude;
            Math.Abs(Wide(V.Sum(Make(x))) - exact).ShouldBeLessThanOrEqualTo(bound);
            T max = T.NegativeInfinity, min = T.PositiveInfinity;
            foreach (T value in x)
            {
                max = T.Max(max, value);
                min = T.Min(min, value);
            }
            V.MaxAcross(Make(x)).ShouldBe(max);
            V.MinAcross(Make(x)).ShouldBe(min);

            x[random.Next(N)] = T.NaN;
            T.IsNaN(V.MaxAcross(Make(x))).ShouldBeTrue("NaN in any lane propagates through MaxAcross");
            T.IsNaN(V.MinAcross(Make(x))).ShouldBeTrue("NaN in any lane propagates through MinAcross");
        }
    }

    private static void Accurate(Func<V, V> lanes, Func<double, double> exact, T[][] inputs, double ulps, string name)
    {
        foreach (T[] x in inputs)
        {
            T[] actual = Lanes(lanes(Make(x)));
            for (int i = 0; i < N; i++)
            {
                double error = Format.UlpError(actual[i], exact(Wide(x[i])));
                error.ShouldBeLessThanOrEqualTo(ulps, $"{name}({x[i]:R}) = {actual[i]:R}, exact {exact(Wide(x[i])):R}");
            }
        }
    }

    [Fact]
    public void Exp_Log_Tanh_Sigmoid_Softplus_match_double_math()
    {
        LaneFormat<T> f = Format;
        Accurate(V.Exp, Math.Exp, Uniform(51, -f.ExpRange, f.ExpRange), f.Tolerance.Exp, "Exp");
        Accurate(V.Log, Math.Log, Inputs(52), f.Tolerance.Log, "Log");
        Accurate(V.Tanh, Math.Tanh, Uniform(53, -f.TanhRange, f.TanhRange), f.Tolerance.Tanh, "Tanh");
        Accurate(V.Sigmoid, ReferenceMath.Sigmoid, Uniform(54, -f.SigmoidRange, f.SigmoidRange), f.Tolerance.Sigmoid, "Sigmoid");
        Accurate(V.Softplus, ReferenceMath.Softplus, Uniform(55, -f.SigmoidRange, f.SigmoidRange), f.Tolerance.Softplus, "Softplus");
    }

    [Fact]
    public void Math_edge_cases()
    {
        T Exp(T x) => Lanes(V.Exp(V.Splat(x)))[N - 1];
        T Log(T x) => Lanes(V.Log(V.Splat(x)))[N - 1];
        T Tanh(T x) => Lanes(V.Tanh(V.Splat(x)))[N - 1];
        T Sigmoid(T x) => Lanes(V.Sigmoid(V.Splat(x)))[N - 1];
        T Softplus(T x) => Lanes(V.Softplus(V.Splat(x)))[N - 1];

        LaneFormat<T> f = Format;
        T inf = T.PositiveInfinity, big = Of(1000);

        SameValue(Exp(-inf), T.Zero, "exp(-inf)");
        SameValue(Exp(-big), T.Zero, "exp(-1000)");
        SameValue(Exp(Of(f.ExpUnderflow)), T.Zero, $"exp({f.ExpUnderflow})");
        SameValue(Exp(Of(f.ExpOverflow)), inf, $"exp({f.ExpOverflow})");
        SameValue(Exp(big), inf, "exp(1000)");
        SameValue(Exp(inf), inf, "exp(+inf)");
        SameValue(Exp(T.NaN), T.NaN, "exp(NaN)");
        SameValue(Exp(T.Zero), T.One, "exp(0)");
        SameValue(Exp(T.NegativeZero), T.One, "exp(-0)");
        f.UlpError(Exp(Of(f.ExpSubnormal)), Math.Exp(f.ExpSubnormal)).ShouldBeLessThanOrEqualTo(1, "subnormal result");
        T nearMax = Of(f.ExpNearMax);
        f.UlpError(Exp(nearMax), Math.Exp(Wide(nearMax))).ShouldBeLessThanOrEqualTo(f.Tolerance.Exp, "near MaxValue");

        SameValue(Log(T.Zero), -inf, "log(0)");
        SameValue(Log(T.NegativeZero), -inf, "log(-0)");
        SameValue(Log(-T.One), T.NaN, "log(-1)");
        SameValue(Log(-inf), T.NaN, "log(-inf)");
        SameValue(Log(inf), inf, "log(+inf)");
        SameValue(Log(T.NaN), T.NaN, "log(NaN)");
        SameValue(Log(T.One), T.Zero, "log(1)");
        T two = Of(2), three = Of(3);
        foreach (T subnormal in new[] { T.Epsilon, three * T.Epsilon, Of(f.LogSubnormal), f.MinNormal / two, f.MinNormal })
        {
            f.UlpError(Log(subnormal), Math.Log(Wide(subnormal))).ShouldBeLessThanOrEqualTo(f.Tolerance.Log, $"log({subnormal:R})");
        }

        SameValue(Tanh(inf), T.One, "tanh(+inf)");
        SameValue(Tanh(-inf), -T.One, "tanh(-inf)");
        SameValue(Tanh(T.NegativeZero), T.NegativeZero, "tanh(-0)");
        SameValue(Tanh(T.NaN), T.NaN, "tanh(NaN)");

        SameValue(Sigmoid(-big), T.Zero, "sigmoid(-1000)");
        SameValue(Sigmoid(big), T.One, "sigmoid(1000)");
        SameValue(Sigmoid(-inf), T.Zero, "sigmoid(-inf)");
        SameValue(Sigmoid(inf), T.One, "sigmoid(+inf)");
        SameValue(Sigmoid(T.NaN), T.NaN, "sigmoid(NaN)");

        SameValue(Softplus(big), big, "softplus(1000)");
        SameValue(Softplus(-big), T.Zero, "softplus(-1000)");
        SameValue(Softplus(inf), inf, "softplus(+inf)");
        SameValue(Softplus(-inf), T.Zero, "softplus(-inf)");
        SameValue(Softplus(T.NaN), T.NaN, "softplus(NaN)");
        f.UlpError(Softplus(Of(f.SoftplusTiny)), ReferenceMath.Softplus(f.SoftplusTiny))
            .ShouldBeLessThanOrEqualTo(f.Tolerance.Softplus, $"softplus({f.SoftplusTiny}) ≈ e^{f.SoftplusTiny}, not 0");
    }
}

/// <summary>Allowed ulp errors of the lane math functions.</summary>
internal sealed record MathTolerance(double Exp, double Log, double Tanh, double Sigmoid, double Softplus);

/// <summary>
/// What the lane contract needs to know about an element type beyond its generic-math interfaces:
/// raw bits (to tell −0 from +0 and to build the all-ones mask), precision, the ulp measure and
/// tolerances, and the ranges and edge points of the math functions, which sit where each type's
/// exponent range puts them.
/// </summary>
internal sealed record LaneFormat<T>(
    Func<T, long> Bits,
    T AllBits,
    T MinNormal,
    int Precision,
    Func<T, double, double> UlpError,
    MathTolerance Tolerance,
    double ExpRange,
    double TanhRange,
    double SigmoidRange,
    double ExpUnderflow,
    double ExpOverflow,
    double ExpSubnormal,
    double ExpNearMax,
    double LogSubnormal,
    double SoftplusTiny);

internal static class LaneFormat
{
    public static readonly LaneFormat<float> Float = new(
        Bits: x => BitConverter.SingleToInt32Bits(x),
        AllBits: BitConverter.Int32BitsToSingle(-1),
        MinNormal: 1.17549435e-38f,
        Precision: 24,
        UlpError: Ulp.FloatError,
        Tolerance: new(FloatTolerance.Exp, FloatTolerance.Log, FloatTolerance.Tanh, FloatTolerance.Sigmoid, FloatTolerance.Softplus),
        ExpRange: 110, TanhRange: 12, SigmoidRange: 120,
        ExpUnderflow: -104, ExpOverflow: 89, ExpSubnormal: -103, ExpNearMax: 88.72,
        LogSubnormal: 1e-40, SoftplusTiny: -30);

    public static readonly LaneFormat<double> Double = new(
        Bits: BitConverter.DoubleToInt64Bits,
        AllBits: BitConverter.Int64BitsToDouble(-1L),
        MinNormal: 2.2250738585072014e-308,
        Precision: 53,
        UlpError: Ulp.DoubleError,
        Tolerance: new(DoubleTolerance.Exp, DoubleTolerance.Log, DoubleTolerance.Tanh, DoubleTolerance.Sigmoid, DoubleTolerance.Softplus),
        ExpRange: 760, TanhRange: 25, SigmoidRange: 800,
        ExpUnderflow: -746, ExpOverflow: 710, ExpSubnormal: -740, ExpNearMax: 709.78,
        LogSubnormal: 1e-310, SoftplusTiny: -60);

    public static LaneFormat<T> Of<T>() =>
        (LaneFormat<T>)(object)(typeof(T) == typeof(float) ? Float
            : typeof(T) == typeof(double) ? Double
            : throw new NotSupportedException($"No lane format for {typeof(T)}"));
}

public sealed class F512Contract : LaneContract<F512, float>
{
    protected override int ExpectedCount => 16;
}

public sealed class F256Contract : LaneContract<F256, float>
{
    protected override int ExpectedCount => 8;
}

public sealed class F128Contract : LaneContract<F128, float>
{
    protected override int ExpectedCount => 4;
}

public sealed class F1Contract : LaneContract<F1, float>
{
    protected override int ExpectedCount => 1;
}

public sealed class D512Contract : LaneContract<D512, double>
{
    protected override int ExpectedCount => 8;
}

public sealed class D256Contract : LaneContract<D256, double>
{
    protected override int ExpectedCount => 4;
}

public sealed class D128Contract : LaneContract<D128, double>
{
    protected override int ExpectedCount => 2;
}

public sealed class D1Contract : LaneContract<D1, double>
{
    protected override int ExpectedCount => 1;
}
