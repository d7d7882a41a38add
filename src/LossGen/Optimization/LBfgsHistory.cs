using System;

namespace LossGen.Optimization;

/// <summary>
/// The last m curvature pairs s_k = x_{k+1} − x_k, y_k = ∇f_{k+1} − ∇f_k of L-BFGS in a ring
/// buffer, and the two-loop recursion that applies the implied inverse-Hessian approximation.
/// All storage is allocated by the constructor; nothing allocates afterwards.
/// </summary>
internal sealed class LBfgsHistory
{
    /// <summary>
    /// A pair is stored only when sᵀy &gt; ε·yᵀy. Strong Wolfe steps guarantee sᵀy &gt; 0 in exact
    /// arithmetic; this guards against the rounding that can make it zero or negative near the
    /// optimum, which would make the approximation indefinite.
    /// </summary>
    internal const double CurvatureEpsilon = 2.220446049250313e-16;

    private readonly int _m;
    private readonly int _n;
    private readonly double[] _s;     // m rows of n, row i = pair in slot i
    private readonly double[] _y;
    private readonly double[] _rho;   // 1 / sᵀy per slot
    private readonly double[] _alpha; // scratch for the two-loop recursion
    private int _count;
    private int _newest = -1;
    private double _gamma = 1;        // sᵀy / yᵀy of the newest pair: the initial Hessian scaling H₀ = γI

    public LBfgsHistory(int m, int n)
    {
        _m = m;
        _n = n;
        _s = new double[checked(m * n)];
        _y = new double[checked(m * n)];
        _rho = new double[m];
        _alpha = new double[m];
    }

    public int Count => _count;

    public void Clear()
    {
        _count = 0;
        _newest = -1;
        _gamma = 1;
    }

    /// <summary>
    /// Adds the pair for a step from (xOld, gOld) to (xNew, gNew), unless its curvature sᵀy is not
    /// safely positive; returns whether it was added. A skipped pair leaves the history untouched
    /// (the oldest pair is overwritten only after the new one has been accepted).
    /// </summary>
    public bool TryAdd(ReadOnlySpan<double> xNew, ReadOnlySpan<double> xOld, ReadOnlySpan<double> gNew, ReadOnlySpan<double> gOld)
    {
        double sy = 0, yy = 0;
        for (int i = 0; i < _n; i++)
        {
            double s = xNew[i] - xOld[i];
            double y = gNew[i] - gOld[i];
            sy += s * y;
            yy += y * y;
        }

        if (!(sy > CurvatureEpsilon * yy) || !double.IsFinite(sy) || !double.IsFinite(yy))
        {
            return false;
        }

        int slot = (_newest + 1) % _m;
        Span<double> sSlot = _s.AsSpan(slot * _n, _n);
        Span<double> ySlot = _y.AsSpan(slot * _n, _n);
        for (int i = 0; i < _n; i++)
        {
            sSlot[i] = xNew[i] - xOld[i];
            ySlot[i] = gNew[i] - gOld[i];
        }

        _rho[slot] = 1 / sy;
        _gamma = sy / yy;
        _newest = slot;
        _count = Math.Min(_count + 1, _m);
        return true;
    }

    /// <summary>
    /// Writes d = −H·g into <paramref name="direction"/>, where H is the L-BFGS inverse-Hessian
    /// approximation built from the stored pairs on top of H₀ = γI (γ = sᵀy/yᵀy of the newest pair,
    /// which matches H₀'s scale to the curvature just observed). With no pairs, d = −g.
    /// </summary>
    public void ComputeDirection(ReadOnlySpan<double> gradient, Span<double> direction)
    {
        Span<double> q = direction;
        gradient.CopyTo(q);

        // First loop, newest to oldest: q ← q − α_i y_i with α_i = ρ_i s_iᵀq.
        for (int k = 0; k < _count; k++)
        {
            int slot = (_newest - k + _m) % _m;
            double a = _rho[slot] * DenseOps.Dot(_s.AsSpan(slot * _n, _n), q);
            _alpha[slot] = a;
            DenseOps.Axpy(-a, _y.AsSpan(slot * _n, _n), q);
        }

        // r = H₀ q.
        if (_count > 0)
        {
            for (int i = 0; i < q.Length; i++)
            {
                q[i] *= _gamma;
            }
        }

        // Second loop, oldest to newest: r ← r + s_i (α_i − β) with β = ρ_i y_iᵀr.
        for (int k = _count - 1; k >= 0; k--)
        {
            int slot = (_newest - k + _m) % _m;
            double beta = _rho[slot] * DenseOps.Dot(_y.AsSpan(slot * _n, _n), q);
            DenseOps.Axpy(_alpha[slot] - beta, _s.AsSpan(slot * _n, _n), q);
        }

        for (int i = 0; i < q.Length; i++)
        {
            q[i] = -q[i];
        }
    }
}
