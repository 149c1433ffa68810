using System.Globalization;
using System.Text.Json;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.GradCheck;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Cli;

/// <summary>
/// <c>gradcheck [ids...] [--mode auto|full|fast] [--json | --md]</c>: the numerical witness against both implementations'
/// analytic gradients. Exits 1 when the measurement disagrees with either side.
/// </summary>
public static class GradCheckCommand
{
    public static int Execute(IReadOnlyList<Scenario> scenarios, string? fixturesDirectory, string mode, bool json, bool markdown = false)
    {
        if (mode is not ("auto" or "full" or "fast")) throw new BadInputException($"--mode must be auto, full or fast, not '{mode}'.");
        var results = ThreeWitnesses.ForScenarios(scenarios, fixturesDirectory, mode);

        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(results.SelectMany(r => r.Parameters.Select(p => new
            {
                scenario = r.ScenarioId,
                step = r.Step,
                parameter = p.Parameter,
                mode = r.Mode,
                numerical_dtype = r.NumericalDtype,
                manual_relative_error = p.MaxRelativeError["manual"],
                torch_relative_error = p.MaxRelativeError["torch"],
                threshold = r.Threshold,
                non_differentiable_points = p.Kinks,
                forward_passes = r.ForwardPasses,
                verdict = p.Passed ? "agree" : "disagree",
                disagreeing = p.MaxRelativeError.Where(e => e.Value > r.Threshold).Select(e => e.Key).ToList(),
            })), new JsonSerializerOptions { WriteIndented = true }));
            return results.All(r => r.Passed) ? Program.Agree : Program.Disagree;
        }

        var table = GradCheckTables.ByParameter(results);
        if (markdown) Console.Out.Write(table.ToMarkdown());
        else table.Write(Terminal.Console);
        return results.All(r => r.Passed) ? Program.Agree : Program.Disagree;
    }
}
