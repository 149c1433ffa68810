using BackpropParity.Harness.Tolerances;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Cli;

/// <summary>
/// <c>tolerances [ids...] [--md]</c>: per scenario and tensor, how far manual and TorchSharp actually are (each step
/// re-synchronised), next to the default tolerance's share used and the bound derived from the computation
/// (<see cref="Tolerances.ToleranceEvidence"/>), with a flag where the tolerance in force is far looser than needed or
/// tighter than the spread; then the same per scenario. Information, not a verdict: exits 0.
/// </summary>
public static class TolerancesCommand
{
    public static int Execute(IReadOnlyList<Scenario> scenarios, bool markdown = false)
    {
        var runs = ToleranceEvidence.ForScenarios(scenarios);
        ResultTable[] tables = [ToleranceTables.ByTensor(runs), ToleranceTables.ByScenario(runs)];
        foreach (var table in tables)
        {
            if (markdown) Console.Out.WriteLine(table.ToMarkdown());
            else table.Write(Terminal.Console);
        }
        return Program.Agree;
    }
}
