using ScottPlot;

namespace BackpropParity.Harness.Reports;

/// <summary>
/// PNG plots for every pair that failed or drifted: the two loss curves overlaid, the per-step error as a share
/// of the tolerance on a log scale (re-synchronised and free-running, with the limit drawn), and a heat map of the
/// first failing tensor's element-wise difference.
/// </summary>
public static class PlotReport
{
    private const int Width = 900, Height = 500;

    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<ScenarioResult> results)
    {
        var written = new List<string>();
        foreach (var result in results)
        {
            foreach (var pair in result.Pairs.Where(p => !p.Passed || p.TrajectoryDrifted))
            {
                string stem = Path.Combine(directory, $"{result.Spec.Id}.{pair.Name.Replace(' ', '-')}");
                written.Add(Losses(pair, stem + ".loss.png"));
                written.Add(Errors(pair, stem + ".error.png"));
                if (pair.Stepwise.FirstMismatch is { Differences: not null } first && first.Shape.Length is 1 or 2)
                    written.Add(HeatMap(result, first, stem + ".heatmap.png"));
            }
        }
        return written;
    }

    private static string Losses(PairResult pair, string path)
    {
        var trajectory = pair.Trajectory;
        var plot = new Plot();
        double[] steps = Enumerable.Range(0, trajectory.ExpectedLosses.Count).Select(i => (double)i).ToArray();
        var expected = plot.Add.ScatterLine(steps, trajectory.ExpectedLosses.ToArray());
        expected.LegendText = $"{trajectory.ExpectedSide} (reference)";
        expected.LineWidth = 3;
        var actual = plot.Add.ScatterLine(steps, trajectory.ActualLosses.ToArray());
        actual.LegendText = $"{trajectory.ActualSide}, free-running";
        actual.LinePattern = LinePattern.Dashed;
        actual.LineWidth = 2;
        plot.ShowLegend(Alignment.UpperRight);
        return Save(plot, $"{trajectory.Spec.Id}: loss per step, {pair.Name}", "step", "loss", path);
    }

    private static string Errors(PairResult pair, string path)
    {
        var plot = new Plot();
        void Series(Comparison.Comparison comparison, string label, LinePattern pattern)
        {
            double[] steps = comparison.StepErrors.Select(e => (double)e.Step).ToArray();
            double[] logShare = comparison.StepErrors.Select(e => Math.Log10(Math.Clamp(e.LimitUsed, 1e-12, 1e12))).ToArray();
            var line = plot.Add.ScatterLine(steps, logShare);
            line.LegendText = label;
            line.LinePattern = pattern;
            line.LineWidth = 2;
        }
        Series(pair.Trajectory, "free-running", LinePattern.Solid);
        Series(pair.Stepwise, "re-synchronised each step", LinePattern.Dashed);
        var limit = plot.Add.HorizontalLine(0);
        limit.LegendText = "tolerance (above fails)";
        limit.Color = Colors.Red;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y:0}",
        };
        plot.ShowLegend(Alignment.UpperLeft);
        return Save(plot, $"{pair.Stepwise.Spec.Id}: largest error per step as a share of the tolerance, {pair.Name}",
            "step", "max |a − e| / (atol + rtol·|e|)  (log scale)", path);
    }

    private static string HeatMap(ScenarioResult result, Comparison.TensorComparison tensor, string path)
    {
        int rows = tensor.Shape.Length == 2 ? tensor.Shape[0] : 1, cols = tensor.Shape[^1];
        var values = new double[rows, cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                values[r, c] = tensor.Differences![r * cols + c];
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(heatmap).Label = "actual − expected";
        return Save(plot, $"{result.Spec.Id}: {tensor.Name} at step {tensor.Step}, actual − expected",
            tensor.Shape.Length == 2 ? $"column (of {cols})" : $"index (of {cols})", tensor.Shape.Length == 2 ? $"row (of {rows})" : "", path);
    }

    private static string Save(Plot plot, string title, string xLabel, string yLabel, string path)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.SavePng(path, Width, Height);
        return path;
    }
}
