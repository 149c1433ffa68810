using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Reports;

/// <summary>Real PyTorch's replay of every fixture, as a table: per scenario, the steps replayed in full, how close, the verdict.</summary>
public static class ReplayTable
{
    public static ResultTable From(IReadOnlyList<(Scenario Scenario, PairResult Replay)> replays, string torchVersion) => new("pytorch-replay",
        [new("scenario"), new("steps replayed in full", RightAligned: true), new("closest to limit", RightAligned: true, DependsOnMachine: true),
         new("max ulps", RightAligned: true, DependsOnMachine: true), new("result")],
        replays.Select(r => (IReadOnlyList<Cell>)[r.Scenario.Id, r.Replay.Stepwise.StepsCompared.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ComparisonText.Percent(r.Replay.Stepwise.WorstLimitUsed), ComparisonText.Ulp(r.Replay.Stepwise.MaxUlps),
            r.Replay.Passed ? new Cell("PASS", Tone.Good) : new Cell("FAIL", Tone.Bad)]).ToList(),
        $"{replays.Count(r => r.Replay.Passed)} of {replays.Count} fixtures replayed by PyTorch {torchVersion} agree with the stored reference.",
        SummaryDependsOnMachine: true);
}
