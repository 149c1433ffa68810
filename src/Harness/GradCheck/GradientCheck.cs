using BackpropParity.Harness.Data;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.GradCheck;

/// <summary>
/// The third witness: gradients measured by central differences of <see cref="ReferenceLoss"/> (float64), compared
/// with each side's analytic gradient. Two sides can agree and both be wrong; the measurement cannot share their
/// mistake, because it only evaluates the loss as the spec defines it.
/// <list type="bullet">
/// <item>Full mode: every parameter element, D(h) = (L(θ + h·eᵢ) − L(θ − h·eᵢ)) / 2h with h = ∛ε·max(1, |θᵢ|) ≈
/// 6.1e-6·max(1, |θᵢ|) (the step that balances truncation ∝ h² and rounding ∝ ε/h in float64), again at h/2, and
/// the Richardson estimate (4·D(h/2) − D(h)) / 3. |D(h) − D(h/2)| (truncation) plus ε·|L|/(h/2) (rounding of the
/// losses) estimates the measurement's own error: near a minimum, where gradients are tiny, only disagreement
/// beyond twice that counts. Four forward passes an element.</item>
/// <item>Fast mode, for large models: one random unit direction u (its own generator, so it never disturbs a run),
/// (L(θ + h·u) − L(θ − h·u)) / 2h against ∇L·u, as PyTorch's gradcheck fast mode does: two forward passes.</item>
/// </list>
/// Error: CS231n's relative error |a − n| / max(|a|, |n|), with a floor below which values count as zero. Thresholds:
/// 1e-6 when the analytic side computed in float64, 1e-3 in float32 (its own rounding, ~6e-8 relative per
/// operation, grows through sums with cancellation). A nudge that moves any ReLU input across 0 measures a
/// non-differentiable point: that element is reported as such and not compared.
/// </summary>
public static class GradientCheck
{
    public const int FullModeLimit = 10_000;
    private const ulong DirectionSeed = 20261123;
    private static readonly double CubeRootEpsilon = Math.Cbrt(Math.Pow(2, -52));   // ∛(float64 machine epsilon) ≈ 6.06e-6

    public static double Threshold(DType dtype) => dtype == DType.Float64 ? 1e-6 : 1e-3;

    // Below the floor a gradient counts as ~0 and is judged on its absolute difference. float32 needs a higher one:
    // a gradient that is a sum of cancelling terms (XOR at its plateau: four terms of ~0.03 summing to ~3e-6) keeps
    // the terms' absolute rounding, about 6e-8 × 0.1 ≈ 1e-8, so relative error there says nothing about the code.
    public static double Floor(DType dtype) => dtype == DType.Float64 ? 1e-9 : 1e-5;

    /// <param name="analytic">By side ("manual", "torch"), by parameter name, the analytic gradient at this point.</param>
    public static GradientCheckResult Run(Scenario scenario, int step, IReadOnlyList<NamedTensor> point,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> analytic, string mode = "auto")
    {
        DType dtype = scenario.Spec.DType;
        var rounded = Rounded(scenario);
        var loss = new ReferenceLoss(rounded);
        var theta = point.ToDictionary(p => p.Name, p => p.RoundedTo(dtype).Values.ToArray());
        var names = analytic.Values.First().Keys.Where(theta.ContainsKey).ToList();
        int total = names.Sum(n => theta[n].Length);
        string used = mode == "auto" ? (total <= FullModeLimit ? "full" : "fast") : mode;
        double threshold = Threshold(dtype), floor = Floor(dtype);
        var (_, signs) = loss.Evaluate(theta);
        int forwards = 1;

        var checks = new List<ParameterCheck>();
        if (used == "full")
        {
            foreach (string name in names)
            {
                double[] values = theta[name];
                var worst = analytic.Keys.ToDictionary(side => side, _ => 0.0);
                var kinks = new List<string>();
                for (int i = 0; i < values.Length; i++)
                {
                    double original = values[i], h = CubeRootEpsilon * Math.Max(1, Math.Abs(original));
                    double largestLoss = 0;
                    double Difference(double step, out bool crossedKink)
                    {
                        values[i] = original + step;
                        var (up, upSigns) = loss.Evaluate(theta);
                        values[i] = original - step;
                        var (down, downSigns) = loss.Evaluate(theta);
                        values[i] = original;
                        forwards += 2;
                        largestLoss = Math.Max(largestLoss, Math.Max(Math.Abs(up), Math.Abs(down)));
                        crossedKink = signs is not null && (!signs.AsSpan().SequenceEqual(upSigns) || !signs.AsSpan().SequenceEqual(downSigns));
                        return (up - down) / (2 * step);
                    }

                    double coarse = Difference(h, out bool kinkCoarse), fine = Difference(h / 2, out bool kinkFine);
                    if (kinkCoarse || kinkFine)
                    {
                        kinks.Add($"{name}[{i}]");
                        continue;
                    }
                    // Richardson: (4·D(h/2) − D(h)) / 3 cancels the h² term; |D(h) − D(h/2)| bounds what the measurement
                    // itself can resolve, and only disagreement beyond it counts.
                    // Rounding adds about ε·|L| to each loss, so ε·|L|/(h/2) to D(h/2): below that, no difference is measurable.
                    double rounding = Math.Pow(2, -52) * largestLoss / (h / 2);
                    double numerical = (4 * fine - coarse) / 3, uncertainty = Math.Abs(coarse - fine) + rounding;
                    foreach (var (side, gradients) in analytic)
                        worst[side] = Math.Max(worst[side], RelativeError(gradients[name][i], numerical, floor, uncertainty));
                }
                checks.Add(new ParameterCheck(name, values.Length, worst, kinks, worst.Values.All(e => e <= threshold)));
            }
        }
        else
        {
            // A random unit direction over all parameters; the directional derivative ∇L·u by each side and by
            // differences. A direction whose nudge moves some ReLU input across 0 measures a kink, not a slope: try
            // another (up to 8); if every one does, the point is reported as non-differentiable, without a verdict.
            ParameterCheck? check = null;
            for (int attempt = 0; attempt < 8 && check is null; attempt++)
            {
                var random = new SplitMix64(DirectionSeed + (ulong)attempt);
                var direction = names.ToDictionary(n => n, n => theta[n].Select(_ => random.NextNormal()).ToArray());
                double norm = Math.Sqrt(direction.Values.Sum(d => d.Sum(v => v * v)));
                foreach (var d in direction.Values) for (int i = 0; i < d.Length; i++) d[i] /= norm;
                double h = CubeRootEpsilon * Math.Max(1, theta.Values.Max(v => v.Max(Math.Abs)));
                Dictionary<string, double[]> Moved(double sign) =>
                    theta.ToDictionary(p => p.Key, p => direction.TryGetValue(p.Key, out var d) ? p.Value.Select((v, i) => v + sign * h * d[i]).ToArray() : p.Value);
                var (up, upSigns) = loss.Evaluate(Moved(+1));
                var (down, downSigns) = loss.Evaluate(Moved(-1));
                forwards += 2;
                if (signs is not null && (!signs.AsSpan().SequenceEqual(upSigns) || !signs.AsSpan().SequenceEqual(downSigns))) continue;
                double numerical = (up - down) / (2 * h), uncertainty = Math.Pow(2, -52) * Math.Max(Math.Abs(up), Math.Abs(down)) / h;
                var worst = analytic.ToDictionary(a => a.Key, a => RelativeError(
                    names.Sum(n => a.Value[n].Zip(direction[n]).Sum(p => p.First * p.Second)), numerical, floor, uncertainty));
                check = new ParameterCheck($"all {total} parameters, along a random direction", total, worst, [], worst.Values.All(e => e <= threshold));
            }
            checks.Add(check ?? new ParameterCheck($"all {total} parameters, along a random direction", total,
                analytic.Keys.ToDictionary(side => side, _ => 0.0), ["every random direction tried crosses a ReLU's 0: non-differentiable point"], Passed: true));
        }
        return new GradientCheckResult(scenario.Id, step, used, forwards, threshold, floor, "float64", checks);
    }

    /// <summary>
    /// (|a − n| − 2·uncertainty)⁺ / max(|a|, |n|, floor): the relative disagreement beyond what the measurement can
    /// resolve; relative where the gradient is sizeable, absolute/floor where it is ~0.
    /// </summary>
    public static double RelativeError(double analytic, double numerical, double floor, double uncertainty = 0) =>
        analytic == numerical ? 0
        : Math.Max(0, Math.Abs(analytic - numerical) - 2 * uncertainty) / Math.Max(Math.Max(Math.Abs(analytic), Math.Abs(numerical)), floor);

    private static Scenario Rounded(Scenario scenario)
    {
        DType dtype = scenario.Spec.DType;
        return scenario with { Inputs = scenario.Inputs.RoundedTo(dtype), Targets = scenario.Targets.RoundedTo(dtype) };
    }
}
