using BackpropParity.Harness.Zoo;

namespace BackpropParity.Harness.Reports;

/// <summary>The bug zoo as a table: per mutant, how many scenarios catch it, what the report names, and where it cannot show.</summary>
public static class ZooTable
{
    public static ResultTable From(IReadOnlyList<ZooResult> results, IReadOnlyList<string> falseAlarms) => new("zoo",
        [new("mutant"), new("the bug"), new("caught by", RightAligned: true), new("report names"), new("right?"), new("invisible in")],
        results.Select(r => (IReadOnlyList<Cell>)[r.Mutant, r.Bug, $"{r.DetectedBy.Count} of {r.DetectedBy.Count + r.MissedBy.Count}",
            r.First is { } first ? SuspectText.Describe(first) : "—", r.LocalizedCorrectly ? new Cell("yes", Tone.Good) : new Cell("no", Tone.Bad), Summarise(r.MissedBy)]).ToList(),
        $"{results.Count} mutants: detected {results.Count(r => r.Detected)}, located correctly {results.Count(r => r.LocalizedCorrectly)}; " +
        $"false alarms from the correct implementation: {falseAlarms.Count}" + (falseAlarms.Count > 0 ? $" ({string.Join(", ", falseAlarms)})" : "") + ".");

    // Scenario ids without their dtype, so "xor-one-neuron-float64, xor-one-neuron-float32" reads "xor-one-neuron".
    private static string Summarise(IReadOnlyList<string> ids)
    {
        var names = ids.Select(id => id.EndsWith("-float64", StringComparison.Ordinal) || id.EndsWith("-float32", StringComparison.Ordinal) ? id[..^8] : id)
            .Distinct().ToList();
        return names.Count == 0 ? "—" : string.Join(", ", names);
    }
}
