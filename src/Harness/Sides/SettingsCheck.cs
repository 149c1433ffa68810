using BackpropParity.Harness.Comparison;

namespace BackpropParity.Harness.Sides;

/// <summary>The settings check, made before any number: every setting, in the reference's order, a candidate reports that the reference does otherwise.</summary>
public static class SettingsCheck
{
    /// <summary>
    /// Each key the candidate reports whose value differs from the reference's (momentum: torch 0, manual 0.9), or which
    /// the reference does not report. A key the candidate leaves out is not checked: a side says what it can.
    /// </summary>
    public static IReadOnlyList<SettingDifference> Differences(string referenceSide, IReadOnlyDictionary<string, string> reference,
        string candidateSide, IReadOnlyDictionary<string, string> candidate) =>
        reference.Keys.Where(candidate.ContainsKey).Concat(candidate.Keys.Where(key => !reference.ContainsKey(key)))
            .Where(key => reference.GetValueOrDefault(key) != candidate[key])
            .Select(key => new SettingDifference(key, referenceSide, reference.GetValueOrDefault(key), candidateSide, candidate[key]))
            .ToList();
}
