using System.CommandLine;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;
using BackpropParity.TorchRef;

namespace BackpropParity.Cli;

/// <summary>
/// backprop-parity: with no verb, runs every built-in scenario and prints one table.
/// Exit codes: 0 everything agrees, 1 something disagrees or a fixture is missing, stale or unreadable,
/// 2 bad input that stops the run (an unknown verb, scenario or option value, a file that cannot be read or written),
/// 3 libtorch cannot load, 4 an internal error (a bug in this program: one line, no stack trace).
/// </summary>
public static class Program
{
    public const int Agree = 0, Disagree = 1, BadInput = 2, TorchUnavailable = 3, InternalError = 4;

    public static int Main(string[] args)
    {
        var ids = new Argument<string[]>("ids")
        {
            Description = "Scenario ids (spiral-relu-bce-float32), base names (spiral-relu-bce, both dtypes), scenario files (my.json) or folders of them; none means all.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var fixtures = new Option<string?>("--fixtures")
        {
            Description = "The fixtures folder (default: fixtures/ of this checkout, or $BACKPROP_PARITY_FIXTURES).",
            Recursive = true,
        };
        var scenarioFolders = new Option<string[]>("--scenarios")
        {
            Description = "Take the scenarios from the *.json scenario files of this folder instead of the built-in ones (repeatable); ids then choose among them.",
            Recursive = true,
        };
        var shard = new Option<string?>("--shard") { Description = "Run only shard i of n (i/n): the scenarios split across n CI runners, balanced by expected cost, the same on every machine." };
        var noFixtures = new Option<bool>("--no-fixtures") { Description = "Compare manual and torch live only; skip the stored fixtures." };
        var withPython = new Option<bool>("--with-python") { Description = "Also replay every fixture with real PyTorch (tools/pytorch_replay.py) and compare it as a fourth side." };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads for the manual kernels and for libtorch's operations (default 1). Results may then differ from a one-thread run in the last bits (torch splits some sums), within tolerance.",
            DefaultValueFactory = _ => 1,
        };
        var side = new Option<string[]>("--side")
        {
            Description = "Also compare a program of your own, in any language, with TorchSharp: NAME=COMMAND (repeatable). The program is called as COMMAND REQUEST RESPONSE [REQUEST RESPONSE ...]; docs/side-protocol.md has the files.",
        };
        var sideTimeout = new Option<int>("--side-timeout") { Description = "Seconds each --side program may take over all scenarios (default 600).", DefaultValueFactory = _ => 600 };
        var report = new Option<string?>("--report") { Description = "Also write report.md, report.json and PNG plots of failures and drifts into this folder." };

        var run = new Command("run", "Run scenarios on the manual implementation and on TorchSharp, compare every step with each other and with the fixtures.")
        {
            ids, noFixtures, report, withPython, side, sideTimeout, threads, shard,
        };
        run.SetAction(parse => Guarded(() => RunCommand.Execute(parse.GetValue(ids) ?? [], parse.GetValue(fixtures), parse.GetValue(noFixtures),
            parse.GetValue(report), parse.GetValue(withPython), parse.GetValue(threads), parse.GetValue(side), parse.GetValue(sideTimeout),
            parse.GetValue(scenarioFolders), parse.GetValue(shard))));

        var force = new Option<bool>("--force") { Description = "Also rewrite fixtures that differ from the new run only within rounding (another machine's last bits)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what each fixture would get (unchanged, same within rounding, changed) and write nothing." };
        var regen = new Command("regen", "Rerun the reference (TorchSharp) and rewrite the fixtures that changed, saying what changed; a fixture that differs only within rounding is left as it is.")
        {
            ids, force, dryRun,
        };
        regen.SetAction(parse => Guarded(() => RegenCommand.Execute(ScenarioSelection.Resolve(parse.GetValue(ids) ?? [], parse.GetValue(scenarioFolders)), parse.GetValue(fixtures),
            new RegenerationOptions(parse.GetValue(force), parse.GetValue(dryRun)))));

        var check = new Command("check-fixtures", "Check that every fixture is readable, matches its scenario and the reference versions in use.") { ids };
        check.SetAction(parse => Guarded(() => CheckFixturesCommand.Execute(parse.GetValue(ids) ?? [], parse.GetValue(scenarioFolders), parse.GetValue(fixtures))));

        var json = new Option<bool>("--json") { Description = "Write the verdicts as a JSON array to standard output." };
        var markdown = new Option<bool>("--md") { Description = "Write the tables as markdown to standard output (what docs/ holds)." };
        var claims = new Command("claims", "Check every number and checkable statement the lessons print.") { json, markdown };
        claims.SetAction(parse => Guarded(() => ClaimsCommand.Execute(parse.GetValue(json), parse.GetValue(markdown))));

        var zooJson = new Option<bool>("--json") { Description = "Write the results as a JSON array to standard output." };
        var zoo = new Command("zoo", "Run the bug zoo: classic backprop mistakes injected into the manual implementation, each of which must be caught and located.") { zooJson, markdown };
        zoo.SetAction(parse => Guarded(() => ZooCommand.Execute(parse.GetValue(zooJson), parse.GetValue(markdown))));

        var mode = new Option<string>("--mode") { Description = "auto (full up to 10,000 parameters, else fast), full, or fast.", DefaultValueFactory = _ => "auto" };
        var gradJson = new Option<bool>("--json") { Description = "Write the results as a JSON array to standard output." };
        var gradcheck = new Command("gradcheck", "Measure gradients by central differences and compare them with both implementations' analytic ones.")
        {
            ids, mode, gradJson, markdown,
        };
        gradcheck.SetAction(parse => Guarded(() => GradCheckCommand.Execute(ScenarioSelection.Resolve(parse.GetValue(ids) ?? [], parse.GetValue(scenarioFolders)), parse.GetValue(fixtures), parse.GetValue(mode)!, parse.GetValue(gradJson),
            parse.GetValue(markdown))));

        var tolerances = new Command("tolerances", "Show, per tensor, how far manual and TorchSharp actually are against the tolerance in force and the one derived from the computation.") { ids, markdown };
        tolerances.SetAction(parse => Guarded(() => TolerancesCommand.Execute(ScenarioSelection.Resolve(parse.GetValue(ids) ?? [], parse.GetValue(scenarioFolders)), parse.GetValue(markdown))));

        var checkDocs = new Option<bool>("--check") { Description = "Compare the tables in docs/ with a fresh run (machine-independent columns) and write nothing; exit 1 on drift." };
        var docs = new Command("docs", "Measure every table in docs/ anew (claims, zoo, tolerances, numerical witness, PyTorch replay) and write it into its page.") { checkDocs };
        docs.SetAction(parse => Guarded(() => DocsCommand.Execute(parse.GetValue(checkDocs))));

        var list = new Command("list", "List scenarios: the built-in ones, or those of the files and folders given.") { ids };
        list.SetAction(parse => Guarded(() => ListCommand.Execute(ScenarioSelection.Resolve(parse.GetValue(ids) ?? [], parse.GetValue(scenarioFolders)))));

        var template = new Argument<string>("template") { Description = $"What to start from: {string.Join(", ", ScenarioTemplates.Names)}." };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: <template>.json here); an existing file is not overwritten." };
        var hidden = new Option<int?>("--hidden") { Description = "Hidden layer width." };
        var optimizer = new Option<string?>("--optimizer") { Description = "The optimizer (sgd)." };
        var learningRate = new Option<double?>("--lr") { Description = "The learning rate." };
        var steps = new Option<int?>("--steps") { Description = "Training steps." };
        var create = new Command("new", "Write a commented starter scenario file from a template, e.g. `new spiral --hidden 32 --optimizer sgd`.")
        {
            template, output, hidden, optimizer, learningRate, steps,
        };
        create.SetAction(parse => Guarded(() => NewCommand.Execute(parse.GetValue(template)!, parse.GetValue(output),
            new ScenarioTemplates.Choices(parse.GetValue(hidden), parse.GetValue(optimizer), parse.GetValue(learningRate), parse.GetValue(steps)))));

        var root = new RootCommand("BackpropParity: proves a hand-written backprop right against libtorch, or shows where it is wrong.")
        {
            fixtures, scenarioFolders, run, regen, check, claims, zoo, gradcheck, tolerances, docs, list, create,
        };
        root.SetAction(parse => Guarded(() => RunCommand.Execute([], parse.GetValue(fixtures), skipFixtures: false, reportDirectory: null)));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // A misspelled verb or an unparsable value is bad input: one line, exit 2 (1 means "gradients disagree").
            string suggestion = parsed.Errors.Count > 1 ? $" ({parsed.Errors.Count - 1} more problem{(parsed.Errors.Count > 2 ? "s" : "")})" : "";
            return Fail($"{parsed.Errors[0].Message}{suggestion} Run with --help for the verbs and options.", BadInput);
        }
        return parsed.Invoke();
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
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Fail(exception.Message, BadInput);
        }
        catch (Exception exception)
        {
            var error = ScenarioError.From(ScenarioError.Harness, null, exception);
            return Fail($"internal error: {error.ExceptionType}: {error.FirstLine} (a bug in backprop-parity; please report it with the command line)", InternalError);
        }
    }

    private static int Fail(string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
