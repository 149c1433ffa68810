using BackpropParity.Manual.Tensors;

namespace BackpropParity.Manual.Tests;

/// <summary>
/// Central differences, the lessons' "nudge" audit: df/dx ≈ (f(x + h) − f(x − h)) / 2h, error O(h²).
/// In float64 with h = 1e-6 the truncation and rounding errors both stay near 1e-10 for the smooth, O(1)
/// functions tested here, so 1e-7 relative is a tolerance with room to spare and still catches any wrong slope.
/// </summary>
internal static class FiniteDifferences
{
    public const double Step = 1e-6;
    public const double RelativeTolerance = 1e-7;
    public const double AbsoluteTolerance = 1e-8;

    /// <summary>The numerical gradient of a scalar function of <paramref name="values"/>, nudging each entry in place.</summary>
    public static double[] Gradient(Matrix<double> values, Func<double> f)
    {
        var gradient = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double original = values.Data[i];
            values.Data[i] = original + Step;
            double up = f();
            values.Data[i] = original - Step;
            double down = f();
            values.Data[i] = original;
            gradient[i] = (up - down) / (2 * Step);
        }
        return gradient;
    }

    public static void AssertClose(double[] analytic, double[] numerical, string what)
    {
        Assert.That(analytic, Has.Length.EqualTo(numerical.Length), what);
        for (int i = 0; i < analytic.Length; i++)
        {
            // NaN compares false with everything, and NUnit's LessThanOrEqualTo lets it through: check finiteness first.
            Assert.That(double.IsFinite(analytic[i]) && double.IsFinite(numerical[i]), Is.True,
                $"{what}[{i}]: analytic {analytic[i]:R}, numerical {numerical[i]:R} must both be finite");
            double limit = AbsoluteTolerance + RelativeTolerance * Math.Abs(numerical[i]);
            Assert.That(Math.Abs(analytic[i] - numerical[i]), Is.LessThanOrEqualTo(limit),
                $"{what}[{i}]: analytic {analytic[i]:R}, numerical {numerical[i]:R}");
        }
    }

    /// <summary>A deterministic matrix of values in [lo, hi), different for each seed.</summary>
    public static Matrix<double> Values(int rows, int cols, int seed, double lo = -1, double hi = 1)
    {
        var random = new Random(seed);
        var matrix = new Matrix<double>(rows, cols);
        for (int i = 0; i < matrix.Length; i++) matrix.Data[i] = lo + (hi - lo) * random.NextDouble();
        return matrix;
    }

    /// <summary>Σ g ⊙ y: a scalar whose gradient with respect to y is g, to turn a layer into a scalar function.</summary>
    public static double Weighted(Matrix<double> y, Matrix<double> g)
    {
        double sum = 0;
        for (int i = 0; i < y.Length; i++) sum += y.Data[i] * g.Data[i];
        return sum;
    }
}
