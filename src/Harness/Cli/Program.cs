using System.CommandLine;
using System.Diagnostics;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Scenarios;
using BackpropParity.TorchRef;
using Spectre.Console;

namespace BackpropParity.Harness.Cli;

/// <summary>
/// backprop-parity: with no verb, runs every built-in scenario and prints one table.
/// Exit codes: 0 everything agrees, 1 something disagrees, 2 bad input, 3 libtorch cannot load.
/// </summary>
public static class Program
{
    public const int Agree = 0, Disagree = 1, BadInput = 2, TorchUnavailable = 3;

    public static int Main(string[] args)
    {
        var ids = new Argument<string[]>("ids")
        {
            Description = "Scenario ids (spiral-relu-bce-float32) or base names (spiral-relu-bce, both dtypes); none means all.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var run = new Command("run", "Run scenarios on the manual implementation and on TorchSharp, and compare every step.") { ids };
        run.SetAction(parse => Guarded(() => RunScenarios(parse.GetValue(ids) ?? [])));

        var list = new Command("list", "List the built-in scenarios.");
        list.SetAction(_ => Guarded(ListScenarios));

        var root = new RootCommand("BackpropParity: proves a hand-written backprop right against libtorch, or shows where it is wrong.")
        {
            run,
            list,
        };
        root.SetAction(_ => Guarded(() => RunScenarios([])));
        return root.Parse(args).Invoke();
    }

    private static int RunScenarios(IReadOnlyCollection<string> ids)
    {
        var scenarios = ScenarioCatalog.Select(ids);
        var clock = Stopwatch.StartNew();
        var results = new List<ParityResult>();
        foreach (var scenario in scenarios)
            results.Add(ParityCheck.ManualVersusTorch(scenario));
        new ConsoleReport(Terminal.Console).Write(results, clock.Elapsed);
        return results.All(r => r.Passed) ? Agree : Disagree;
    }

    private static int ListScenarios()
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("id").AddColumn("dtype").AddColumn("layers").AddColumn("loss").AddColumn("optimizer")
            .AddColumn(new TableColumn("steps").RightAligned());
        foreach (var s in ScenarioCatalog.Scenarios)
        {
            var spec = s.Spec;
            string layers = string.Join(" → ", spec.Layers.Select(l => l.Kind == LayerKind.Linear ? $"{l.Name}({l.InFeatures}→{l.OutFeatures})" : l.Name));
            table.AddRow(Markup.Escape(spec.Id), spec.DType.Name(), Markup.Escape(layers), Reports.LossNames.Short(spec.Loss),
                $"{spec.Optimizer.Kind} lr {spec.Optimizer.LearningRate}", spec.Steps.ToString());
        }
        Terminal.Console.Write(table);
        return Agree;
    }

    // Bad input and an unloadable libtorch each end in one clear line on stderr and their own exit code.
    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (BadInputException exception)
        {
            return Fail(exception.Message, BadInput);
        }
        catch (InvalidDataException exception)
        {
            return Fail(exception.Message, BadInput);
        }
        catch (TorchUnavailableException exception)
        {
            return Fail(exception.Message, TorchUnavailable);
        }
    }

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
