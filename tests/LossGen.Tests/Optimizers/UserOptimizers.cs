using System;
using System.IO;
using System.Linq;
using System.Reflection;
using LossGen.Tests.Generator;
using Microsoft.CodeAnalysis;
using Shouldly;

namespace LossGen.Tests.Optimizers;

/// <summary>
/// Optimizers the generator has never seen, declared as a user would and compiled through the
/// real generator into an in-memory assembly: Lion, Adamax, AMSGrad, the seed's second
/// formulation of momentum, and SGD with a fused elastic-net penalty. A small wrapper per rule
/// takes arrays, because spans cannot pass through reflection.
/// </summary>
internal static class UserOptimizers
{
    public const string Source = """
        using System;
        using LossGen;
        using static LossGen.Dsl;

        namespace User;

        // Lion (Chen et al. 2023): the sign of an interpolated momentum, decoupled decay.
        [Optimizer]
        public partial struct Lion
        {
            static void Define(ref float w, float g, ref float m, float lr = 1e-4f, float beta1 = 0.9f, float beta2 = 0.99f, float weightDecay = 0f)
            {
                var c = beta1 * m + (1 - beta1) * g;
                w -= lr * (Sign(c) + weightDecay * w);
                m = beta2 * m + (1 - beta2) * g;
            }
        }

        // Adamax (torch.optim.Adamax): the infinity norm replaces the second moment.
        [Optimizer]
        public partial struct Adamax
        {
            static void Define(ref float w, float g, ref float m, ref float u, Step t,
                               float lr = 2e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
            {
                m = beta1 * m + (1 - beta1) * g;
                u = Max(beta2 * u, Abs(g) + eps);
                w -= lr / (1 - Pow(beta1, t)) * m / u;
            }
        }

        // AMSGrad (torch.optim.Adam(amsgrad=True)): the running maximum of v.
        [Optimizer]
        public partial struct AmsGrad
        {
            static void Define(ref float w, float g, ref float m, ref float v, ref float vMax, Step t,
                               float lr = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float eps = 1e-8f)
            {
                m = beta1 * m + (1 - beta1) * g;
                v = beta2 * v + (1 - beta2) * g * g;
                vMax = Max(vMax, v);
                w -= lr / (1 - Pow(beta1, t)) * m / (Sqrt(vMax) / Sqrt(1 - Pow(beta2, t)) + eps);
            }
        }

        // The seed's second formulation of momentum: the velocity carries −lr.
        [Optimizer]
        public partial struct MomentumSeed
        {
            static void Define(ref float w, float g, ref float v, float lr, float rho = 0.9f)
            {
                v = rho * v - lr * g;
                w += v;
            }
        }

        // SGD with the elastic-net penalty λ·Σ(β w² + |w|) fused into the update: its gradient
        // λ(2βw + sign w) is added to g inside the same pass.
        [Optimizer]
        public partial struct SgdElasticNet
        {
            static void Define(ref float w, float g, float lr, float lambda, float beta = 0.5f)
            {
                w -= lr * (g + lambda * (2 * beta * w + Sign(w)));
            }
        }

        // Constant subexpressions follow C#: 1 / 2 is the int 0, so only 0.5f * g moves w.
        [Optimizer]
        public partial struct IntegerDivision
        {
            static void Define(ref float w, float g) => w -= 1 / 2 * g + 0.5f * g;
        }

        // A penalty the generator has never seen: Cauchy (log) regularization, derivative 2w / (1 + w²).
        [Regularizer]
        public partial struct Cauchy
        {
            static float Define([Shape("P")] Tensor w, float scale = 1f) => Sum(k => Log(1 + Sqr(w[k] / scale)));
        }

        // Five per-step constants (λ, 2a, b, 4c, d): one more than PenaltyLanes holds, so the
        // fifth is broadcast inside the lanes Gradient.
        [Regularizer]
        public partial struct ManyConstants
        {
            static float Define([Shape("P")] Tensor w, float a = 0.5f, float b = 0.25f, float c = 0.125f, float d = 3f) =>
                Sum(k => a * Sqr(w[k]) + b * Abs(w[k]) + c * Sqr(Sqr(w[k])) + d * Log(1 + Sqr(w[k])));
        }

        public static class Run
        {
            public static void ManyConstantsGradient(double[] w, double[] result, double lambda)
            {
                var penalty = new User.ManyConstants.Penalty(lambda);
                for (int i = 0; i < w.Length; i++) result[i] = penalty.Gradient(w[i]);
            }
            public static void ManyConstantsFused(double[] w, double[] g, long t, double lambda, double lr) =>
                User.MomentumSeed.Step(w, g, new double[w.Length], t, new User.ManyConstants.Penalty(lambda), lr, 0.0);
            public static void LionCauchy(double[] w, double[] g, double[] m, long t, double lambda, double scale) =>
                User.Lion.Step(w, g, m, t, new User.Cauchy.Penalty(lambda, scale), 0.01, 0.9, 0.99, 0.1);
            public static void LionCauchy(float[] w, float[] g, float[] m, long t, double lambda, double scale) =>
                User.Lion.Step(w, g, m, t, new User.Cauchy.Penalty(lambda, scale), 0.01f, 0.9f, 0.99f, 0.1f);
            public static void AdamaxCauchy(double[] w, double[] g, double[] m, double[] u, long t, double lambda, double scale) =>
                User.Adamax.Step(w, g, m, u, t, new User.Cauchy.Penalty(lambda, scale), 0.01);
            public static void CauchyGradient(double[] w, double[] dR, double scale) => User.Cauchy.ValueAndGradient(w, w.Length, dR, scale);
            public static void IntegerDivision(double[] w, double[] g, long t) => User.IntegerDivision.Step(w, g, t);
            public static void SgdElasticNet(double[] w, double[] g, long t, double lr, double lambda, double beta) => User.SgdElasticNet.Step(w, g, t, lr, lambda, beta);
            public static void Lion(double[] w, double[] g, double[] m, long t, double lr, double b1, double b2, double wd) => User.Lion.Step(w, g, m, t, lr, b1, b2, wd);
            public static void Lion(float[] w, float[] g, float[] m, long t, float lr, float b1, float b2, float wd) => User.Lion.Step(w, g, m, t, lr, b1, b2, wd);
            public static void Adamax(double[] w, double[] g, double[] m, double[] u, long t, double lr) => User.Adamax.Step(w, g, m, u, t, lr);
            public static void Adamax(float[] w, float[] g, float[] m, float[] u, long t, float lr) => User.Adamax.Step(w, g, m, u, t, lr);
            public static void AmsGrad(double[] w, double[] g, double[] m, double[] v, double[] vMax, long t, double lr) => User.AmsGrad.Step(w, g, m, v, vMax, t, lr);
            public static void MomentumSeed(double[] w, double[] g, double[] v, long t, double lr, double rho) => User.MomentumSeed.Step(w, g, v, t, lr, rho);
        }
        """;

    private static readonly Lazy<Type> Runner = new(() =>
    {
        var (output, _) = GeneratorHarness.Generate(Source);
        var errors = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        errors.ShouldBeEmpty();
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(image.ToArray()).GetType("User.Run")!;
    });

    /// <summary>Calls <c>User.Run.{name}</c> with the overload whose parameter types match the arguments.</summary>
    public static void Call(string name, params object[] args)
    {
        var method = Runner.Value.GetMethods()
            .Single(m => m.Name == name && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(args.Select(a => a.GetType())));
        try
        {
            method.Invoke(null, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }
}
