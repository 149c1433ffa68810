using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tolerances;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Decides whether a fresh reference run changes a stored fixture or only rounds differently (another CPU: other vector
/// widths, another MKL code path, reordered sums). Anything but computed values differing is a change. When only
/// computed values differ, every recorded step of the stored fixture is re-run here from its own stored start
/// parameters, one step, and each tensor compared with the stored one within <see cref="RoundingBound"/>: that checks
/// the computation, step by step, whatever the free-running trajectories do. A free run may part late (float32 runs
/// of thousands of steps amplify rounding until a ReLU input changes sign); where it parts is said, and decides nothing.
/// </summary>
public static class RegenerationCheck
{
    public static (FixtureVerdict Verdict, IReadOnlyList<string> Lines) Classify(Scenario scenario, Fixture stored, FixtureDiff diff,
        Fixture recorded, Func<ISession> startReference, RecordingMachine here)
    {
        if (diff.IsEmpty) return (FixtureVerdict.Unchanged, []);
        var wording = diff.Differences.Where(d => d.Kind == FixtureDifferenceKind.Wording).Select(d => $"reworded, numbers kept: {d.Text}").ToList();
        if (diff.OnlyWording) return (FixtureVerdict.Reworded, wording);
        if (!diff.OnlyComputedValues)
            return (FixtureVerdict.Changed, [.. diff.Differences.Where(d => d.Kind != FixtureDifferenceKind.Values).Select(d => d.Text),
                .. diff.Differences.Where(d => d.Kind == FixtureDifferenceKind.Values).Select(d => d.Text)]);

        var bound = new RoundingBound(scenario);
        var resynced = new List<TensorRounding>();
        try
        {
            using ISession reference = startReference();
            foreach (var (step, recordedStep) in stored.Recorded)
            {
                reference.LoadParameters(recordedStep.StartParameters);
                var again = reference.Step(step).Tensors.ToDictionary(t => t.Name, t => t.Tensor);
                var scales = TermMagnitudes.Of(scenario, recordedStep.StartParameters, recordedStep.Step);
                foreach (var tensor in recordedStep.Step.Tensors)
                {
                    if (!again.TryGetValue(tensor.Name, out var value))
                        return (FixtureVerdict.Changed, [$"step {step} {tensor.Name}: stored, but the reference no longer computes it"]);
                    resynced.Add(bound.Measure(step, tensor.Name, tensor.Tensor.Shape, tensor.Tensor.Values, value.Values, scales.GetValueOrDefault(tensor.Name)));
                }
            }
        }
        catch (Exception exception) when (exception is InvalidDataException or ArgumentException or InvalidOperationException)
        {
            // The stored steps do not fit the scenario as it is now (other parameter names or shapes): a change.
            return (FixtureVerdict.Changed, [$"the stored steps cannot be re-run on the scenario as it is now: {exception.Message}"]);
        }

        var beyond = resynced.Where(r => !r.WithinBound).OrderByDescending(r => r.ShareOfBound).ToList();
        if (beyond.Count > 0)
            return (FixtureVerdict.Changed,
            [
                $"{beyond.Count} of {resynced.Count} stored tensors, re-run here from their step's stored start parameters, differ by more than rounding ({RoundingBound.Rule}):",
                .. beyond.Select(r => $"  step {r.Step} {r.Name}: max |difference| {Number(r.MaxDifference)}, {Times(r.ShareOfBound)} the bound at {r.WorstIndex}"),
            ]);

        var (freeRun, plausible) = FreeRun(scenario, stored, recorded, bound);
        if (!plausible) return (FixtureVerdict.Changed, [freeRun]);

        var worst = resynced.MaxBy(r => r.ShareOfBound)!;
        string origin = stored.Metadata.RecordedOn is { } there ? $"recorded on {there}" : "recorded on a machine the fixture does not name";
        return (diff.Reworded ? FixtureVerdict.Reworded : FixtureVerdict.WithinRounding,
        [
            .. wording,
            $"same within rounding: {resynced.Count(r => !r.Identical)} of {resynced.Count} stored tensors differ here in the last bits " +
            $"(largest {resynced.Max(r => r.MaxUlps)} ulps, {Number(resynced.Max(r => r.MaxDifference))} absolute; at most {Percent(worst.ShareOfBound)} " +
            $"of the bound {RoundingBound.Rule}, at step {worst.Step} {worst.Name}); {freeRun}; {origin}, checked on {here}",
        ]);
    }

    // The loss is stored for every step: where the two free runs first differ by more than rounding, if they do. Rounding
    // amplified over steps grows from within the bound; a stored loss that leaves it at once by more than the parity
    // tolerance is an edited or corrupt value, not a parting.
    private static (string Text, bool Plausible) FreeRun(Scenario scenario, Fixture stored, Fixture recorded, RoundingBound bound)
    {
        var tolerance = scenario.Spec.EffectiveTolerance;
        for (int step = 0; step < Math.Min(stored.Losses.Length, recorded.Losses.Length); step++)
        {
            double old = stored.Losses[step], now = recorded.Losses[step];
            if (bound.Measure(step, TraceTensor.LossName, [], [old], [now]).WithinBound) continue;
            bool gradual = AgreementRule.ShareOfLimit(old, now, tolerance, scenario.Spec.NonFiniteExpected is not null) <= 1;
            return gradual
                ? ($"the free-running losses part at step {step} of {stored.Losses.Length} (rounding amplified over steps; only the re-run steps decide)", true)
                : ($"step {step} loss: stored {Number(old)}, the reference gives {Number(now)}, beyond the parity tolerance at the first step " +
                   "the free runs differ at all: a jump, not rounding growing over steps (an edited or corrupt value, or a real change)", false);
        }
        return ("the free-running losses agree within it at every step", true);
    }

    private static string Number(double value) => value.ToString("0.##e+00", System.Globalization.CultureInfo.InvariantCulture);

    private static string Percent(double share) => share < 0.001 ? "<0.1%" : share.ToString("0.#%", System.Globalization.CultureInfo.InvariantCulture);

    private static string Times(double share) => double.IsPositiveInfinity(share) ? "infinitely" : $"{Number(share)}×";
}
