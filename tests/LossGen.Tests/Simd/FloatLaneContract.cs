using System;
using LossGen.CompilerServices;
using Shouldly;
using Xunit;

namespace LossGen.Tests.Simd;

/// <summary>
/// Every <see cref="ILanes{TSelf, T}"/> member of a float lane type, lane by lane, against scalar
/// float arithmetic (bit-exact where IEEE fixes the answer) or System.Math in double (the math
/// functions, within <see cref="FloatTolerance"/>). Inputs are pseudo-random with a fixed seed plus
/// special values, so a failure reproduces.
/// </summary>
public abstract class FloatLaneContract<V>
    where V : struct, ILanes<V, float>
{
    private const float MinNormal = 1.17549435e-38f;

    private static readonly float[] Specials =
    [
        0f, -0f, 1f, -1f, 0.5f, -3f, 100f, -100f, float.NaN, float.PositiveInfinity, float.NegativeInfinity,
        float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon, MinNormal, -MinNormal,
    ];

    protected abstract int ExpectedCount { get; }

    private static int N => V.Count;

    private static V Make(float[] lanes) => V.Load(lanes, 0);

    private static float[] Lanes(V value)
    {
        var lanes = new float[N];
        V.Store(lanes, 0, value);
        return lanes;
    }

    /// <summary>Vectors whose lanes are a quarter special values and otherwise ±(1..2)·2^[-30, 30].</summary>
    private static float[][] Inputs(int seed, int vectors = 300)
    {
        var random = new Random(seed);
        var inputs = new float[vectors][];
        for (int v = 0; v < vectors; v++)
        {
            inputs[v] = new float[N];
            for (int i = 0; i < N; i++)
            {
                inputs[v][i] = random.Next(4) == 0
                    ? Specials[random.Next(Specials.Length)]
                    : (random.Next(2) == 0 ? -1 : 1) * (float)Math.ScaleB(1 + random.NextDouble(), random.Next(-30, 31));
            }
        }
        return inputs;
    }

    private static float[][] Uniform(int seed, double low, double high, int vectors = 300)
    {
        var random = new Random(seed);
        var inputs = new float[vectors][];
        for (int v = 0; v < vectors; v++)
        {
            inputs[v] = new float[N];
            for (int i = 0; i < N; i++)
            {
                inputs[v][i] = random.Next(8) == 0 ? Specials[random.Next(Specials.Length)] : (float)(low + (high - low) * random.NextDouble());
            }
        }
        return inputs;
    }

    private static void SameValue(float actual, float expected, string what)
    {
        if (float.IsNaN(expected))
        {
            float.IsNaN(actual).ShouldBeTrue($"{what}: expected NaN, got {actual}");
        }
        else
        {
            BitConverter.SingleToInt32Bits(actual).ShouldBe(BitConverter.SingleToInt32Bits(expected), $"{what}: expected {expected}, got {actual}");
        }
    }

    private static float MaskValue(bool set) => set ? BitConverter.Int32BitsToSingle(-1) : 0f;

    private static void Unary(Func<V, V> lanes, Func<float, float> expected, string name)
    {
        foreach (float[] x in Inputs(name.GetHashCode(StringComparison.Ordinal) & 0xFFFF))
        {
            float[] actual = Lanes(lanes(Make(x)));
            for (int i = 0; i < N; i++)
            {
                SameValue(actual[i], expected(x[i]), $"{name}({x[i]})");
            }
        }
    }

    private static void Binary(Func<V, V, V> lanes, Func<float, float, float> expected, string name)
    {
        float[][] a = Inputs(11), b = Inputs(12);
        for (int v = 0; v < a.Length; v++)
        {
            float[] actual = Lanes(lanes(Make(a[v]), Make(b[v])));
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
        Lanes(V.Zero).ShouldAllBe(x => BitConverter.SingleToInt32Bits(x) == 0);
        Lanes(V.One).ShouldAllBe(x => x == 1f);
        Lanes(V.Splat(-2.5f)).ShouldAllBe(x => x == -2.5f);
    }

    [Fact]
    public void Arithmetic_is_ieee_exact()
    {
        Binary((a, b) => a + b, (a, b) => a + b, "+");
        Binary((a, b) => a - b, (a, b) => a - b, "-");
        Binary((a, b) => a * b, (a, b) => a * b, "*");
        Binary((a, b) => a / b, (a, b) => a / b, "/");
        Unary(a => -a, a => -a, "negate");
        Unary(V.Abs, MathF.Abs, "Abs");
        Unary(V.Sqrt, MathF.Sqrt, "Sqrt");
    }

    [Fact]
    public void MultiplyAdd_is_fused_or_the_separate_multiply_and_add()
    {
        float[][] a = Inputs(21), b = Inputs(22), c = Inputs(23);
        for (int v = 0; v < a.Length; v++)
        {
            float[] actual = Lanes(V.MultiplyAdd(Make(a[v]), Make(b[v]), Make(c[v])));
            for (int i = 0; i < N; i++)
            {
                float fused = MathF.FusedMultiplyAdd(a[v][i], b[v][i], c[v][i]);
                float separate = a[v][i] * b[v][i] + c[v][i];
                bool ok = actual[i].Equals(fused) || actual[i].Equals(separate);
                ok.ShouldBeTrue($"MultiplyAdd({a[v][i]}, {b[v][i]}, {c[v][i]}) = {actual[i]}, expected {fused} or {separate}");
            }
        }
    }

    [Fact]
    public void Max_and_Min_follow_ieee_754_2019_like_MathF()
    {
        Binary(V.Max, MathF.Max, "Max");
        Binary(V.Min, MathF.Min, "Min");
    }

    /// <summary>
    /// RunningMax/Min promise the extreme only where neither operand is NaN, and either zero for ±0
    /// (the generated reductions keep NaN lanes beside them; see Generator tests for the reductions).
    /// </summary>
    [Fact]
    public void RunningMax_and_RunningMin_are_the_extreme_of_ordered_operands()
    {
        float[][] a = Inputs(13), b = Inputs(14);
        for (int v = 0; v < a.Length; v++)
        {
            float[] max = Lanes(V.RunningMax(Make(a[v]), Make(b[v]))), min = Lanes(V.RunningMin(Make(a[v]), Make(b[v])));
            for (int i = 0; i < N; i++)
            {
                float x = a[v][i], y = b[v][i];
                if (float.IsNaN(x) || float.IsNaN(y)) continue;
                max[i].ShouldBe(MathF.Max(x, y), $"RunningMax({x}, {y})");
                min[i].ShouldBe(MathF.Min(x, y), $"RunningMin({x}, {y})");
            }
        }
    }

    [Fact]
    public void Sign_is_unit_with_plus_zero_at_zeros_and_NaN_for_NaN()
    {
        Unary(V.Sign, x => x > 0 ? 1f : x < 0 ? -1f : float.IsNaN(x) ? float.NaN : 0f, "Sign");
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
        float[][] a = Inputs(31), b = Inputs(32);
        for (int v = 0; v < a.Length; v++)
        {
            V ma = V.LessThan(Make(a[v]), V.Zero), mb = V.GreaterThan(Make(b[v]), V.One);
            float[] and = Lanes(V.And(ma, mb)), or = Lanes(V.Or(ma, mb)), not = Lanes(V.Not(ma));
            float[] select = Lanes(V.Select(ma, Make(a[v]), Make(b[v])));
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
                float[] actual = Lanes(V.IndexMask(start, op, value));
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
            float[] actual = Lanes(V.FirstLanes(count));
            for (int lane = 0; lane < N; lane++)
            {
                SameValue(actual[lane], MaskValue(lane < count), $"FirstLanes({count}) lane {lane}");
            }
        }
    }

    [Fact]
    public void Load_Store_AddTo_at_any_offset()
    {
        var data = new float[3 * N + 3];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = i * 1.5f - 7f;
        }
        for (int offset = 0; offset + N <= data.Length; offset++)
        {
            float[] lanes = Lanes(V.Load(data, offset));
            for (int i = 0; i < N; i++)
            {
                lanes[i].ShouldBe(data[offset + i]);
            }
            var target = (float[])data.Clone();
            V.Store(target, offset, V.Splat(42f));
            V.AddTo(target, offset, V.Splat(0.5f));
            for (int i = 0; i < target.Length; i++)
            {
                target[i].ShouldBe(i >= offset && i < offset + N ? 42.5f : data[i], $"element {i}, offset {offset}");
            }
        }
    }

    private const float Canary = -12345.5f;

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
                using var memory = new GuardedMemory<float>(length);
                Span<float> span = memory.Span;
                span.Fill(Canary);
                for (int i = 0; i < count; i++)
                {
                    span[offset + i] = i + 1f;
                }

                float[] loaded = Lanes(V.LoadPartial(span, offset, count));
                for (int lane = 0; lane < N; lane++)
                {
                    loaded[lane].ShouldBe(lane < count ? lane + 1f : 0f, $"LoadPartial offset {offset} count {count} lane {lane}");
                }

                V.StorePartial(span, offset, count, V.Splat(7f));
                V.AddToPartial(span, offset, count, V.Splat(0.25f));
                for (int i = 0; i < length; i++)
                {
                    bool inside = i >= offset && i < offset + count;
                    span[i].ShouldBe(inside ? 7.25f : Canary, $"element {i} after StorePartial/AddToPartial offset {offset} count {count}");
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
            var x = new float[N];
            double exact = 0, magnitude = 0;
            for (int i = 0; i < N; i++)
            {
                x[i] = (float)((random.NextDouble() - 0.5) * Math.ScaleB(1, random.Next(-10, 10)));
                exact += x[i];
                magnitude += Math.Abs(x[i]);
            }
            // Any summation order of N terms errs by at most (N − 1)·u·Σ|x| (u = 2^-24); pairwise
            // halving needs only log2(N), but the bound must hold for any order a width may use.
            double bound = Math.Max(N - 1, 0) * Math.ScaleB(1, -24) * magnitude;
            Math.Abs(V.Sum(Make(x)) - exact).ShouldBeLessThanOrEqualTo(bound);
            float max = float.NegativeInfinity, min = float.PositiveInfinity;
            foreach (float value in x)
            {
                max = MathF.Max(max, value);
                min = MathF.Min(min, value);
            }
            V.MaxAcross(Make(x)).ShouldBe(max);
            V.MinAcross(Make(x)).ShouldBe(min);

            x[random.Next(N)] = float.NaN;
            float.IsNaN(V.MaxAcross(Make(x))).ShouldBeTrue("NaN in any lane propagates through MaxAcross");
            float.IsNaN(V.MinAcross(Make(x))).ShouldBeTrue("NaN in any lane propagates through MinAcross");
        }
    }

    private static void Accurate(Func<V, V> lanes, Func<double, double> exact, float[][] inputs, double ulps, string name)
    {
        foreach (float[] x in inputs)
        {
            float[] actual = Lanes(lanes(Make(x)));
            for (int i = 0; i < N; i++)
            {
                double error = Ulp.FloatError(actual[i], exact(x[i]));
                error.ShouldBeLessThanOrEqualTo(ulps, $"{name}({x[i]:R}) = {actual[i]:R}, exact {exact(x[i]):R}");
            }
        }
    }

    [Fact]
    public void Exp_Log_Tanh_Sigmoid_Softplus_match_double_math()
    {
        Accurate(V.Exp, Math.Exp, Uniform(51, -110, 110), FloatTolerance.Exp, "Exp");
        Accurate(V.Log, Math.Log, Inputs(52), FloatTolerance.Log, "Log");
        Accurate(V.Tanh, Math.Tanh, Uniform(53, -12, 12), FloatTolerance.Tanh, "Tanh");
        Accurate(V.Sigmoid, ReferenceMath.Sigmoid, Uniform(54, -120, 120), FloatTolerance.Sigmoid, "Sigmoid");
        Accurate(V.Softplus, ReferenceMath.Softplus, Uniform(55, -120, 120), FloatTolerance.Softplus, "Softplus");
    }

    [Fact]
    public void Math_edge_cases()
    {
        float Exp(float x) => Lanes(V.Exp(V.Splat(x)))[N - 1];
        float Log(float x) => Lanes(V.Log(V.Splat(x)))[N - 1];
        float Tanh(float x) => Lanes(V.Tanh(V.Splat(x)))[N - 1];
        float Sigmoid(float x) => Lanes(V.Sigmoid(V.Splat(x)))[N - 1];
        float Softplus(float x) => Lanes(V.Softplus(V.Splat(x)))[N - 1];

        SameValue(Exp(float.NegativeInfinity), 0f, "exp(-inf)");
        SameValue(Exp(-1000f), 0f, "exp(-1000)");
        SameValue(Exp(-104f), 0f, "exp(-104)");
        SameValue(Exp(89f), float.PositiveInfinity, "exp(89)");
        SameValue(Exp(1000f), float.PositiveInfinity, "exp(1000)");
        SameValue(Exp(float.PositiveInfinity), float.PositiveInfinity, "exp(+inf)");
        SameValue(Exp(float.NaN), float.NaN, "exp(NaN)");
        SameValue(Exp(0f), 1f, "exp(0)");
        SameValue(Exp(-0f), 1f, "exp(-0)");
        Ulp.FloatError(Exp(-103f), Math.Exp(-103)).ShouldBeLessThanOrEqualTo(1, "subnormal result");
        Ulp.FloatError(Exp(88.72f), Math.Exp(88.72f)).ShouldBeLessThanOrEqualTo(FloatTolerance.Exp, "near float.MaxValue");

        SameValue(Log(0f), float.NegativeInfinity, "log(0)");
        SameValue(Log(-0f), float.NegativeInfinity, "log(-0)");
        SameValue(Log(-1f), float.NaN, "log(-1)");
        SameValue(Log(float.NegativeInfinity), float.NaN, "log(-inf)");
        SameValue(Log(float.PositiveInfinity), float.PositiveInfinity, "log(+inf)");
        SameValue(Log(float.NaN), float.NaN, "log(NaN)");
        SameValue(Log(1f), 0f, "log(1)");
        foreach (float subnormal in new[] { float.Epsilon, 3 * float.Epsilon, 1e-40f, MinNormal / 2, MinNormal })
        {
            Ulp.FloatError(Log(subnormal), Math.Log(subnormal)).ShouldBeLessThanOrEqualTo(FloatTolerance.Log, $"log({subnormal:R})");
        }

        SameValue(Tanh(float.PositiveInfinity), 1f, "tanh(+inf)");
        SameValue(Tanh(float.NegativeInfinity), -1f, "tanh(-inf)");
        SameValue(Tanh(-0f), -0f, "tanh(-0)");
        SameValue(Tanh(float.NaN), float.NaN, "tanh(NaN)");

        SameValue(Sigmoid(-1000f), 0f, "sigmoid(-1000)");
        SameValue(Sigmoid(1000f), 1f, "sigmoid(1000)");
        SameValue(Sigmoid(float.NegativeInfinity), 0f, "sigmoid(-inf)");
        SameValue(Sigmoid(float.PositiveInfinity), 1f, "sigmoid(+inf)");
        SameValue(Sigmoid(float.NaN), float.NaN, "sigmoid(NaN)");

        SameValue(Softplus(1000f), 1000f, "softplus(1000)");
        SameValue(Softplus(-1000f), 0f, "softplus(-1000)");
        SameValue(Softplus(float.PositiveInfinity), float.PositiveInfinity, "softplus(+inf)");
        SameValue(Softplus(float.NegativeInfinity), 0f, "softplus(-inf)");
        SameValue(Softplus(float.NaN), float.NaN, "softplus(NaN)");
        Ulp.FloatError(Softplus(-30f), ReferenceMath.Softplus(-30)).ShouldBeLessThanOrEqualTo(FloatTolerance.Softplus, "softplus(-30) ≈ e^-30, not 0");
    }
}

public sealed class F512Contract : FloatLaneContract<F512>
{
    protected override int ExpectedCount => 16;
}

public sealed class F256Contract : FloatLaneContract<F256>
{
    protected override int ExpectedCount => 8;
}

public sealed class F128Contract : FloatLaneContract<F128>
{
    protected override int ExpectedCount => 4;
}

public sealed class F1Contract : FloatLaneContract<F1>
{
    protected override int ExpectedCount => 1;
}
