using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Zoo;

/// <summary>
/// Runs every mutant against every network scenario (the first <see cref="Steps"/> steps, manual against TorchSharp
/// live) and checks three things: each mutant is detected by some scenario, every detecting scenario's report names
/// the place the mutant lives, and the correct implementation raises no alarm anywhere.
/// </summary>
public static class ZooRunner
{
    /// <summary>Enough steps for bugs that need a second step to show (gradients that are never cleared).</summary>
    public const int Steps = 3;

    public static IReadOnlyList<Scenario> Scenarios() =>
        ScenarioCatalog.Scenarios.Where(s => !s.Spec.IsExpression)
            .Select(s => s with { Spec = s.Spec with { Steps = Math.Min(Steps, s.Spec.Steps) } })
            .ToList();

    public static IReadOnlyList<ZooResult> Run(IReadOnlyList<Mutant>? mutants = null) =>
        (mutants ?? MutantCatalog.All).Select(Run).ToList();

    public static ZooResult Run(Mutant mutant)
    {
        var detectedBy = new List<string>();
        var missedBy = new List<string>();
        ZooDetection? first = null;
        bool allCorrect = true;
        foreach (var scenario in Scenarios())
        {
            var pair = ParityCheck.Run(scenario, manualLayers: mutant.For(scenario.Spec)).Pair(ParityCheck.ManualVersusTorch);
            if (pair.Passed)
            {
                missedBy.Add(scenario.Id);
                continue;
            }
            detectedBy.Add(scenario.Id);
            Suspect? named = Named(pair);
            allCorrect &= named is not null && mutant.Expected.Matches(named);
            first ??= new ZooDetection(scenario.Spec, pair.Stepwise.FirstMismatch, named);
        }
        return new ZooResult(mutant.Id, mutant.Bug, mutant.Expected, detectedBy, missedBy, first, detectedBy.Count > 0 && allCorrect);
    }

    /// <summary>Scenarios where the correct implementation disagrees with the reference (must be none).</summary>
    public static IReadOnlyList<string> FalseAlarms() =>
        Scenarios().Where(s => !ParityCheck.Run(s).Pair(ParityCheck.ManualVersusTorch).Passed).Select(s => s.Id).ToList();

    // What the report names first: a setting that differs, else the operation behind the first mismatch.
    private static Suspect? Named(PairResult pair) =>
        pair.SettingsDifferences is { Count: > 0 } settings ? Suspect.Of(settings[0]) : pair.Stepwise.Suspect;
}
