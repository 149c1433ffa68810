using System.Globalization;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Scalar;
using BackpropParity.Manual.Tensors;

namespace BackpropParity.Harness.Claims;

/// <summary>
/// The named computations a claim's data can ask for. A number computation gives the value the lesson printed; a
/// statement check gives the computed text, the verdict and the note. Each reads runs of the scenarios through
/// <see cref="ClaimContext"/> (the hand-written implementation, which the parity suite holds to libtorch).
/// </summary>
public static class ClaimComputations
{
    public static readonly IReadOnlyDictionary<string, Func<ClaimContext, ClaimEntry, double>> Numbers =
        new Dictionary<string, Func<ClaimContext, ClaimEntry, double>>
        {
            // a tensor of a run: step, name, flat index
            ["value"] = (c, claim) => claim.Value(c),
            // the loss at a step
            ["loss"] = (c, claim) => claim.Run(c).Losses[claim.Step],
            // one gradient over another, a local slope read off the run: (dL/dw) / (dL/dz) = dz/dw
            ["ratio"] = (c, claim) => claim.Value(c) / claim.Run(c).Value(claim.Step, claim.Over!, claim.Index),
            // σ'(z) = a(1 − a) from the activation a = σ(z)
            ["sigmoid-slope"] = (c, claim) => SigmoidSlope(claim.Value(c)),
            // (L(a + h) − L(a − h)) / 2h with L = (a − target)², h = 1e-5
            ["measured-squared-error-slope"] = (c, claim) => CentralDifference(a => (a - claim.Target!.Value) * (a - claim.Target.Value), claim.Value(c)),
            // (σ(z + h) − σ(z − h)) / 2h, h = 1e-5
            ["measured-sigmoid-slope"] = (c, claim) => CentralDifference(Sigmoid, claim.Value(c)),
            // a parameter's value at the start of the run
            ["initial-parameter"] = (c, claim) => claim.Run(c).Scenario.InitialParameters.Single(p => p.Name == claim.Parameter).Values[claim.Index],
            // xᵢ·wᵢ, one term of the neuron's weighted sum
            ["input-times-weight"] = (c, claim) => claim.Run(c).Scenario.Inputs.Values[claim.Index]
                                                    * claim.Run(c).Scenario.InitialParameters.Single(p => p.Name == "fc1.weight").Values[claim.Index],
            // the gradient backward starts from: dL/dv over the local slope cos v of L = sin v
            ["over-cosine"] = (c, claim) => claim.Value(c) / Math.Cos(claim.Run(c).Value(claim.Step, claim.CosineOf!)),
            // max of s(1 − s) over s in [0, 1], step 1e-5
            ["sigmoid-slope-maximum"] = (_, _) => Enumerable.Range(0, 100_001).Select(i => i / 100_000.0).Max(s => s * (1 - s)),
            // the hand-written ReLU's backward at x, upstream gradient 1
            ["relu-slope"] = (_, claim) => ReluSlope(claim.At!.Value),
            // its slope above 0 minus its slope below 0
            ["relu-slope-step"] = (_, claim) => ReluSlope(claim.Above!.Value) - ReluSlope(claim.Below!.Value),
        };

    public static readonly IReadOnlyDictionary<string, Func<ClaimContext, ClaimEntry, (string Computed, Verdict Verdict, string Note)>> Statements =
        new Dictionary<string, Func<ClaimContext, ClaimEntry, (string, Verdict, string)>>
        {
            ["value-below"] = (c, claim) =>
            {
                double value = claim.Value(c);
                var (computed, verdict, note) = PrintedNumber.Check(value, claim.Printed);
                return (computed, verdict == Verdict.Holds && value < claim.Limit!.Value ? Verdict.Holds : Verdict.Wrong, note);
            },
            ["repr"] = (c, claim) =>
            {
                string printed = PrintedNumber.RoundTrip(claim.Value(c));
                bool holds = printed == claim.Printed;
                return (printed, holds ? Verdict.Holds : Verdict.Wrong,
                    holds ? "the exact double the forward difference gives with eps = 1e-5" : "the forward difference with eps = 1e-5 prints other digits.");
            },
            ["repr-of-both"] = (c, claim) =>
            {
                var run = claim.Run(c);
                string first = PrintedNumber.RoundTrip(run.Value(claim.Step, claim.Tensor!)), second = PrintedNumber.RoundTrip(run.Value(claim.Step, claim.Other!));
                bool holds = first == claim.Printed && second == first;
                return ($"{first} {second}", holds ? Verdict.Holds : Verdict.Wrong, holds ? "the exact double, printed twice" : "the program prints other digits.");
            },
            ["matching-digits"] = (c, claim) =>
            {
                var run = claim.Run(c);
                double a = run.Value(claim.Step, claim.Tensor!), b = run.Value(claim.Step, claim.Other!);
                int digits = MatchingSignificantDigits(a, b);
                return (digits.ToString(CultureInfo.InvariantCulture), digits >= int.Parse(claim.Printed, CultureInfo.InvariantCulture) ? Verdict.Holds : Verdict.Wrong,
                    $"{PrintedNumber.RoundTrip(a)} and {PrintedNumber.RoundTrip(b)} share {digits} significant digits.");
            },
            ["smaller-nudge-closer"] = (c, claim) =>
            {
                double analytic = claim.Value(c);
                double at5 = SigmoidNeuron.Evaluate(1.0, 1.0, 0.5, 0.0, 1e-5).Nudged[0].Value;
                double at6 = SigmoidNeuron.Evaluate(1.0, 1.0, 0.5, 0.0, 1e-6).Nudged[0].Value;
                double error5 = Math.Abs(at5 - analytic), error6 = Math.Abs(at6 - analytic);
                return (error6 < error5 ? "closer" : "not closer", error6 < error5 ? Verdict.Holds : Verdict.Wrong,
                    $"error {error5:0.0e+00} at eps 1e-5, {error6:0.0e+00} at eps 1e-6 (forward differences; shrinking eps far below 1e-8 makes it worse again, as rounding takes over).");
            },
            ["z-moves-with-w"] = (c, claim) =>
            {
                double moved = SigmoidNeuron.Evaluate(1.0, 1.0, 0.51, 0.0, 1e-5).Forward[0].Value - claim.Value(c);
                return PrintedNumber.Check(moved / 1.0, claim.Printed, "z moved by 0.01·x with x = 1.");
            },
            ["printed-steps"] = (c, claim) =>
            {
                var printedSteps = Enumerable.Range(0, claim.Run(c).Losses.Length).Where(step => step % 20 == 0).ToList();
                string computed = "steps " + string.Join(", ", printedSteps);
                return (computed, computed == claim.Printed ? Verdict.Holds : Verdict.Wrong,
                    "for step in range(51) with `if step % 20 == 0` prints steps 0, 20 and 40; the stdout shown has no step 40 line (the pure-Python stdout above has it).");
            },
            ["numpy-formulas-against-autograd"] = (_, claim) =>
            {
                var (maximum, equal, total) = LessonNumPyGradientsVersusTorch(claim.Scenario!);
                return (maximum == 0 ? "identical" : $"within {maximum} ulps", maximum == 0 ? Verdict.Holds : Verdict.Wrong,
                    $"the NumPy layer's formulas ((ŷ − y)/N · ŷ(1 − ŷ), then X.T @ dL_dz), evaluated from torch's parameters at each of the 50 steps, against " +
                    $"torch's autograd: {equal} of {total} gradient values bit-identical" + (maximum == 0 ? "." :
                    $", the rest within {maximum} ulps (torch multiplies the sigmoid's slope as grad·(1 − ŷ)·ŷ, rounding differently). Equal to rounding, not identical."));
            },
            ["loss-floor"] = (c, claim) =>
            {
                var run = claim.Run(c);
                double lowest = run.Losses.Min(), floor = double.Parse(claim.Printed, CultureInfo.InvariantCulture);
                bool holds = lowest >= floor * 0.95;
                return (PrintedNumber.Format(lowest, "0.1250"), holds ? Verdict.Holds : Verdict.Wrong,
                    $"the lowest loss over the {run.Losses.Length} steps is {lowest:0.######} (“about” taken as within 5%).");
            },
            ["final-accuracy"] = (c, claim) =>
            {
                var run = claim.Run(c);
                double[] predictions = run.Tensor(run.LastStep, claim.Tensor!), targets = run.Scenario.Targets.Values;
                double accuracy = Accuracy(predictions, targets);
                string computed = $"{(accuracy * 100).ToString("0.#", CultureInfo.InvariantCulture)}%";
                var missed = Enumerable.Range(0, targets.Length).Where(i => (predictions[i] > 0.5 ? 1.0 : 0.0) != targets[i])
                    .Select(i => $"point {i} (class {targets[i]}, ŷ = {predictions[i]:0.###})").ToList();
                return (computed, computed == claim.Printed ? Verdict.Holds : Verdict.Wrong,
                    $"accuracy (ŷ > 0.5, as the lesson computes it) over the {targets.Length} points after the last of the {run.Losses.Length} steps is {computed}" +
                    (missed.Count == 0 ? "." : $": misclassified {string.Join(", ", missed)}."));
            },
            ["chain-factors"] = (c, claim) =>
            {
                var run = claim.Run(c);
                double dCda3 = run.Value(0, "dact/a3"), dCda2 = run.Value(0, "dact/a2"), dCda1 = run.Value(0, "dact/a1");
                string computed = string.Join(" · ", new[] { dCda3, dCda2 / dCda3, dCda1 / dCda2, run.Value(0, "grad/w1") / dCda1 }.Select(PrintedNumber.RoundTrip));
                return (computed, computed == claim.Printed ? Verdict.Holds : Verdict.Wrong, "each factor read off the run as a ratio of successive gradients.");
            },
            ["loss-printed-with-four-decimals"] = (c, claim) =>
            {
                double loss = claim.Run(c).Value(0, "loss");
                string printed = loss.ToString("F4", CultureInfo.InvariantCulture);
                return (printed, printed == claim.Printed ? Verdict.Holds : Verdict.Wrong,
                    $"the loss is (σ(5.5) − 1)² = {loss:0.###e+00}, and the code's f\"{{loss:.4f}}\" prints {printed}; no .4f format prints {claim.Printed} (five decimals).");
            },
            ["spiral-gradient-check"] = (c, claim) =>
            {
                var (numerical, analytic) = SpiralGradientCheck(claim.Run(c));
                string n = numerical.ToString("F6", CultureInfo.InvariantCulture), a = analytic.ToString("F6", CultureInfo.InvariantCulture);
                bool holds = Math.Abs(numerical - analytic) < 1e-6;
                return ($"{n} / {a}", holds ? Verdict.Holds : Verdict.Wrong,
                    $"at the trained weights, W1[0, 0]: numerical (h = 1e-5, central) {numerical:0.##########}, backprop {analytic:0.##########}, difference {Math.Abs(numerical - analytic):0.0e+00}.");
            },
        };
    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private static double SigmoidSlope(double a) => a * (1 - a);

    private static double CentralDifference(Func<double, double> f, double at, double h = 1e-5) => (f(at + h) - f(at - h)) / (2 * h);



    private static double ReluSlope(double x)
    {
        var relu = new ReLU<double>("relu");
        relu.Forward(new Matrix<double>(1, 1, [x]));
        return relu.Backward(new Matrix<double>(1, 1, [1.0])).Data[0];
    }

    private static double Accuracy(double[] predictions, double[] targets) =>
        predictions.Zip(targets).Count(p => (p.First > 0.5 ? 1.0 : 0.0) == p.Second) / (double)targets.Length;

    private static int MatchingSignificantDigits(double a, double b)
    {
        string x = Math.Abs(a).ToString("E15", System.Globalization.CultureInfo.InvariantCulture).Replace(".", "");
        string y = Math.Abs(b).ToString("E15", System.Globalization.CultureInfo.InvariantCulture).Replace(".", "");
        int digits = 0;
        while (digits < 16 && x[digits] == y[digits]) digits++;
        return Math.Sign(a) == Math.Sign(b) && x[17..] == y[17..] ? digits : 0;
    }

    // The NumPy layer's backward, written as the lesson writes it, from the reference's parameters at each stored step,
    // against the reference's autograd gradients, in ulps.
    private static (long Max, int Equal, int Total) LessonNumPyGradientsVersusTorch(string scenarioId)
    {
        var scenario = ScenarioCatalog.Select([scenarioId]).Single();
        var fixture = FixtureFile.Load(FixtureStore.Locate().PathFor(scenarioId));
        double[] x = scenario.Inputs.Values, y = scenario.Targets.Values;
        int n = y.Length, d = x.Length / n;
        long max = 0;
        int equal = 0, total = 0;
        foreach (var (_, recorded) in fixture.Recorded)
        {
            double[] w = recorded.StartParameters.Single(p => p.Name == "fc1.weight").Values;
            double b = recorded.StartParameters.Single(p => p.Name == "fc1.bias").Values[0];
            var dLdw = new double[d];
            double dLdb = 0;
            for (int i = 0; i < n; i++)
            {
                double z = b;
                for (int k = 0; k < d; k++) z += x[i * d + k] * w[k];   // X @ w + b
                double yHat = Sigmoid(z);
                double dL_dyhat = (yHat - y[i]) / n;
                double dyhat_dz = yHat * (1 - yHat);
                double dL_dz = dL_dyhat * dyhat_dz;
                for (int k = 0; k < d; k++) dLdw[k] += x[i * d + k] * dL_dz;   // X.T @ dL_dz
                dLdb += dL_dz;
            }
            double[] torchW = recorded.Step.Tensors.Single(t => t.Name == "grad/fc1.weight").Tensor.Values;
            double torchB = recorded.Step.Tensors.Single(t => t.Name == "grad/fc1.bias").Tensor.Values[0];
            foreach (var (mine, theirs) in dLdw.Zip(torchW).Append((dLdb, torchB)))
            {
                long ulps = Comparison.Ulps.Distance(mine, theirs, DType.Float64);
                max = Math.Max(max, ulps);
                equal += ulps == 0 ? 1 : 0;
                total++;
            }
        }
        return (max, equal, total);
    }

    // The lesson's activity, in its own terms: compute_loss clips ŷ to [1e-15, 1 − 1e-15]; W1 is [in, out] = fc1.weightᵀ.
    private static (double Numerical, double Analytic) SpiralGradientCheck(RunRecord run)
    {
        double[] x = run.Scenario.Inputs.Values, y = run.Scenario.Targets.Values;
        double[] fc1 = run.Tensor(run.LastStep, "param/fc1.weight"), b1 = run.Tensor(run.LastStep, "param/fc1.bias");
        double[] w2 = run.Tensor(run.LastStep, "param/fc2.weight"), b2 = run.Tensor(run.LastStep, "param/fc2.bias");
        int n = y.Length, hidden = b1.Length;

        (double Loss, double Gradient) LossAndGradient(double w00)
        {
            double loss = 0, gradient = 0;
            for (int row = 0; row < n; row++)
            {
                double z2 = b2[0];
                var z1 = new double[hidden];
                for (int j = 0; j < hidden; j++)
                {
                    double weight0 = j == 0 ? w00 : fc1[j * 2];
                    z1[j] = x[2 * row] * weight0 + x[2 * row + 1] * fc1[j * 2 + 1] + b1[j];
                    z2 += Math.Max(0, z1[j]) * w2[j];
                }
                double yHat = Sigmoid(z2), clipped = Math.Clamp(yHat, 1e-15, 1 - 1e-15);
                loss += y[row] * Math.Log(clipped) + (1 - y[row]) * Math.Log(1 - clipped);
                double delta1 = (yHat - y[row]) * w2[0] * (z1[0] > 0 ? 1 : 0);    // delta2 = ŷ − y, pulled back through W2 and ReLU'
                gradient += x[2 * row] * delta1;
            }
            return (-loss / n, gradient / n);
        }

        const double h = 1e-5;
        double numerical = (LossAndGradient(fc1[0] + h).Loss - LossAndGradient(fc1[0] - h).Loss) / (2 * h);
        return (numerical, LossAndGradient(fc1[0]).Gradient);
    }
}
