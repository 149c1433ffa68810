using System.Text;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// report.md: the verdict first, then one table row per scenario and pair, then the details of every failure or
/// drift in the same words as the console. Holds no times or dates, so the same results give the same file.
/// </summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<ScenarioResult> results)
    {
        var text = new StringBuilder();
        int failed = results.Count(r => !r.Passed);
        text.AppendLine("# BackpropParity report").AppendLine();
        text.AppendLine(failed == 0
            ? $"**PASS**: all {results.Count} scenarios agree with the reference at every step."
            : $"**FAIL**: {failed} of {results.Count} scenarios disagree, have a fixture problem or stopped on an error.").AppendLine();

        text.AppendLine("| scenario | dtype | pair | steps | closest to limit | max ulps | free-running trajectory | result |");
        text.AppendLine("|---|---|---|---:|---:|---:|---|---|");
        foreach (var result in results)
        {
            foreach (var pair in result.Pairs)
                text.AppendLine($"| {result.Spec.Id} | {result.Spec.DType.Name()} | {pair.Name} | {pair.Stepwise.StepsCompared} | " +
                                $"{ComparisonText.Percent(pair.Stepwise.WorstLimitUsed)} | {ComparisonText.Ulp(pair.Stepwise.MaxUlps)} | " +
                                $"{(pair.Skipped is { } reason ? $"skipped: {reason}" : ComparisonText.TrajectorySummary(pair))} | {(pair.Skipped is not null ? "SKIP" : pair.Passed ? "PASS" : "**FAIL**")} |");
            if (result.Error is { } error)
                text.AppendLine($"| {result.Spec.Id} | {result.Spec.DType.Name()} | {error.Side} | | | | {ComparisonText.ErrorSummary(error)} | **FAIL** |");
            if (result.FixtureProblems.Count > 0)
                text.AppendLine($"| {result.Spec.Id} | {result.Spec.DType.Name()} | fixture | | | | see below | **FAIL** |");
        }

        foreach (var result in results)
        {
            var lines = ComparisonText.Lines(result);
            if (lines.Count == 0) continue;
            text.AppendLine().AppendLine($"## {result.Spec.Id}").AppendLine().AppendLine("```");
            foreach (string line in lines) text.AppendLine(line);
            text.AppendLine("```");
        }
        return text.ToString();
    }
}
