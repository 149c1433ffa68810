using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tolerances;

/// <summary>
/// One tensor's tolerance against the evidence: what two correct implementations (manual and TorchSharp, each step
/// re-synchronised) actually differ by, next to the tolerance in force and the tolerance derived from the computation.
/// The derived rule: |a − e| ≤ 4·n·u·(|e| + max|e|), with u the dtype's unit roundoff (2⁻⁵³ or 2⁻²⁴) and n the
/// tensor's accumulated reduction length (<see cref="ReductionLength"/>): the classical n·u bound on a sum,
/// with the tensor's largest value standing in for the size of the terms that cancelled, and a factor 4 for the
/// products and the two sides' independent roundings.
/// </summary>
public sealed record ToleranceEvidence(
    string ScenarioId,
    string Tensor,
    int Roundings,
    double ObservedMaxDifference,
    double DefaultLimitUsed,
    double DerivedBound,
    string Flag)
{
    /// <summary>True when the observed difference stays within the derived bound at the tensor's largest value.</summary>
    public bool DerivedRuleHolds => ObservedMaxDifference <= DerivedBound;

    public const double SafetyFactor = 4;

    /// <summary>Manual against TorchSharp, each step re-synchronised, per tensor against the tolerances (network scenarios).</summary>
    public static IReadOnlyList<(Scenario Scenario, IReadOnlyList<ToleranceEvidence> Evidence)> ForScenarios(IEnumerable<Scenario> scenarios) =>
        scenarios.Where(s => !s.Spec.IsExpression)
            .Select(s => (s, From(s, ParityCheck.Run(s).Pair(ParityCheck.ManualVersusTorch).Stepwise)))
            .ToList();

    public static double UnitRoundoff(DType dtype) => dtype == DType.Float64 ? Math.Pow(2, -53) : Math.Pow(2, -24);

    public static IReadOnlyList<ToleranceEvidence> From(Scenario scenario, Comparison.Comparison stepwise)
    {
        var lengths = ReductionLength.Of(scenario);
        double u = UnitRoundoff(scenario.Spec.DType);
        return stepwise.Tensors.Select(t =>
        {
            int n = lengths.GetValueOrDefault(t.Name, 1);
            string flag = t.WorstLimitUsed > 1 ? "tolerance tighter than the observed spread: will flake"
                : t.WorstLimitUsed < 0.1 ? "tolerance ≥10× looser than the evidence needs"
                : "";
            // 4·n·u·max|e| is the smallest per-element bound: staying under it means every element meets the rule
            return new ToleranceEvidence(scenario.Id, t.Name, n, t.MaxAbsoluteDifference, t.WorstLimitUsed, SafetyFactor * n * u * t.MaxExpectedMagnitude, flag);
        }).ToList();
    }
}
