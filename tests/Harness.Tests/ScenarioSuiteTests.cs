using System.Numerics;
using System.Text.Json;
using BackpropParity.Harness.Reports;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Manual;
using BackpropParity.Manual.Layers;
using BackpropParity.Manual.Optimizers;

namespace BackpropParity.Harness.Tests;

/// <summary>
/// An exception inside one scenario (a side that crashes, the harness itself) fails that scenario with a row that names
/// the scenario, the side, the step and the exception's first line; the other scenarios' results and reports are kept.
/// </summary>
public sealed class ScenarioSuiteTests
{
    /// <summary>The real manual parts, except that the optimizer throws when it is asked for its third step.</summary>
    private sealed class OptimizerThatThrowsAtItsThirdStep : IManualFactory
    {
        public ILayer<T> Create<T>(LayerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => ManualFactory.Instance.Create<T>(spec);

        public IOptimizer<T> CreateOptimizer<T>(OptimizerSpec spec) where T : unmanaged, IFloatingPointIeee754<T> => new Throwing<T>(T.CreateChecked(spec.LearningRate));

        private sealed class Throwing<T>(T learningRate) : IOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
        {
            private int _steps;
            private readonly Sgd<T> _sgd = new(learningRate);

            public T LearningRate => learningRate;

            public void Step(IReadOnlyList<Parameter<T>> parameters)
            {
                if (++_steps == 3) throw new InvalidOperationException("the optimizer broke\nsecond line of the message");
                _sgd.Step(parameters);
            }
        }
    }

    private static Scenario Neuron => ScenarioCatalog.Get("three-input-neuron-float64");

    [Test]
    public void ASideThatThrows_FailsItsScenario_NamingTheSideTheStepAndTheExceptionsFirstLine()
    {
        var result = ParityCheck.Run(Neuron, manualLayers: new OptimizerThatThrowsAtItsThirdStep());

        Assert.That(result.Passed, Is.False);
        Assert.That(result.Error, Is.EqualTo(new ScenarioError("manual", 2, "InvalidOperationException", "the optimizer broke")));
        Assert.That(ComparisonText.Lines(result), Is.EqualTo(new[]
        {
            "three-input-neuron-float64  error: the manual side threw InvalidOperationException at step 2: the optimizer broke",
        }));
    }

    [Test]
    public void OneScenarioThatThrows_LosesNoOtherScenariosResult_AndTheReportsStillSayWhat()
    {
        Scenario[] scenarios = [Neuron, ScenarioCatalog.Get("three-input-neuron-float32"), ScenarioCatalog.Scenarios.Where(s => s.Spec.IsExpression).First()];

        var results = ScenarioSuite.Run(scenarios, i => i == 1
            ? throw new IndexOutOfRangeException("the harness broke")
            : ParityCheck.Run(scenarios[i]), parallelism: 2);

        Assert.That(results.Select(r => r.Spec.Id), Is.EqualTo(scenarios.Select(s => s.Id)), "every scenario has its result, in order");
        Assert.That(results.Select(r => r.Passed), Is.EqualTo(new[] { true, false, true }));
        Assert.That(results[1].Error, Is.EqualTo(new ScenarioError("harness", null, "IndexOutOfRangeException", "the harness broke")));

        string markdown = MarkdownReport.Render(results);
        Assert.That(markdown, Does.Contain("| three-input-neuron-float32 | float32 | harness | | | | stopped: IndexOutOfRangeException | **FAIL** |"));
        Assert.That(markdown, Does.Contain("| three-input-neuron-float64 | float64 | manual vs torch | 50 |"));
        using var json = JsonDocument.Parse(JsonReport.Render(results));
        var error = json.RootElement.GetProperty("scenarios")[1].GetProperty("error");
        Assert.That((error.GetProperty("side").GetString(), error.GetProperty("message").GetString()), Is.EqualTo(("harness", "the harness broke")));
        Assert.That(json.RootElement.GetProperty("scenarios")[0].GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public void AnAggregateException_IsReportedByTheExceptionInsideIt()
    {
        var error = ScenarioError.From("torch", 7, new AggregateException(new FormatException("the real cause")));

        Assert.That(error, Is.EqualTo(new ScenarioError("torch", 7, "FormatException", "the real cause")));
    }
}
