using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;
using Spectre.Console;

namespace BackpropParity.Cli;

/// <summary><c>list</c>: the built-in scenarios.</summary>
public static class ListCommand
{
    public static int Execute(IReadOnlyList<Scenario> scenarios)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("id").AddColumn("dtype").AddColumn("model").AddColumn("loss / inputs").AddColumn("optimizer")
            .AddColumn(new TableColumn("steps").RightAligned());
        foreach (var s in scenarios)
        {
            var spec = s.Spec;
            if (spec.IsExpression)
            {
                string inputs = string.Join(", ", s.InitialParameters.Select(p => $"{p.Name} = {p.Values[0]}"));
                table.AddRow(Markup.Escape(spec.Id), spec.DType.Name(), Markup.Escape($"L = {spec.Expression}"), Markup.Escape(inputs), "(chain rule)", spec.Steps.ToString());
                continue;
            }
            string layers = string.Join(" → ", spec.Layers.Select(l => l.Kind == LayerKind.Linear ? $"{l.Name}({l.InFeatures}→{l.OutFeatures})" : l.Name));
            table.AddRow(Markup.Escape(spec.Id), spec.DType.Name(), Markup.Escape(layers), LossNames.Short(spec.Loss),
                $"{spec.Optimizer.Kind} lr {spec.Optimizer.LearningRate}", spec.Steps.ToString());
        }
        Terminal.Console.Write(table);
        return Program.Agree;
    }
}
