using System.Numerics;
using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Sides;

namespace BackpropParity.Harness.Tests.Sides;

/// <summary>A user's implementation in-process: compared on what it gives, and its failures kept to its own pair.</summary>
public sealed class ImplementationSideTests
{
    private static readonly Scenario Xor = XorShort();

    private static Scenario XorShort()
    {
        var scenario = ScenarioCatalog.Select(["xor-2-2-1-float64"]).Single();
        return scenario with { Spec = scenario.Spec with { Steps = 4 } };
    }

    /// <summary>The manual implementation with its captures dropped, or throwing at a given step: what a user's side might do.</summary>
    private sealed class Wrapped(string name, bool capture = true, int? throwAt = null) : IImplementation
    {
        public string Name => name;

        public string? Unsupported(ScenarioSpec spec) => null;

        public ITrainingRun<T> Start<T>(TrainingSetup<T> setup) where T : unmanaged, IFloatingPointIeee754<T> =>
            new Run<T>(new ManualTrainingRun<T>(setup, ManualFactory.Instance), capture, throwAt);

        private sealed class Run<T>(ManualTrainingRun<T> inner, bool capture, int? throwAt) : ITrainingRun<T>, IStepCapture<T>
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            private int _steps;

            public void SetParameter(string name, ReadOnlySpan<T> values) => inner.SetParameter(name, values);
            public void GetParameter(string name, Span<T> destination) => inner.GetParameter(name, destination);
            public void GetGradient(string name, Span<T> destination) => inner.GetGradient(name, destination);

            public T Step(IStepCapture<T> suite)
            {
                if (_steps++ == throwAt) throw new InvalidOperationException("my matrix code ran off the end");
                return inner.Step(capture ? suite : this);
            }

            public void LayerOutput(string layer, ReadOnlySpan<T> values)
            {
            }

            public void GradientAtLayerOutput(string layer, ReadOnlySpan<T> values)
            {
            }
        }
    }

    [Test]
    public void TheManualImplementation_CapturesEveryLayer()
    {
        var result = ParityCheck.Run(Xor);

        Assert.That(result.Passed, Is.True);
        Assert.That(result.Pairs.SelectMany(p => p.Stepwise.NotCaptured.Concat(p.Trajectory.NotCaptured)), Is.Empty);
    }

    [Test]
    public void ASideThatCapturesNoLayer_IsComparedOnLossGradientsAndUpdates_AndSaysWhatItCouldNotSee()
    {
        var result = ParityCheck.Run(Xor, [new Wrapped("quiet", capture: false)]);

        var pair = result.Pair("quiet vs torch");
        Assert.That(pair.Passed, Is.True);
        Assert.That(pair.Stepwise.NotCaptured, Is.EqualTo(new[] { "act/fc1", "act/sigmoid1", "act/fc2", "act/sigmoid2", "dact/sigmoid2", "dact/fc2", "dact/sigmoid1", "dact/fc1" }));
        Assert.That(pair.Stepwise.Tensors.Select(t => t.Name), Is.EquivalentTo(new[] { "loss", "grad/fc1.weight", "grad/fc1.bias", "grad/fc2.weight", "grad/fc2.bias",
            "param/fc1.weight", "param/fc1.bias", "param/fc2.weight", "param/fc2.bias" }));
    }

    [Test]
    public void ASideThatThrows_StopsOnlyItsOwnPair_NamingItAndTheStep()
    {
        var result = ParityCheck.Run(Xor, [new ManualImplementation(), new Wrapped("crashy", throwAt: 2)]);

        Assert.That(result.Passed, Is.False);
        Assert.That((result.Error!.Side, result.Error.Step, result.Error.FirstLine), Is.EqualTo(("crashy", (int?)2, "my matrix code ran off the end")));
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Passed, Is.True);
        Assert.That(result.Pair(ParityCheck.ManualVersusTorch).Stepwise.StepsCompared, Is.EqualTo(4), "the other pair ran to the end");
    }

    [Test]
    public void AnImplementationThatDoesNotSupportAScenario_IsSkippedWithItsReason()
    {
        var result = ParityCheck.Run(ScenarioCatalog.Select(["graph-abcd"]).Single(), [new Refusing(new Wrapped("networks-only"))]);

        Assert.That(result.Passed, Is.True);
        Assert.That(result.Pairs.Single().Skipped, Is.EqualTo("networks only"));
    }

    private sealed class Refusing(IImplementation inner) : IImplementation
    {
        public string Name => inner.Name;
        public string? Unsupported(ScenarioSpec spec) => "networks only";
        public ITrainingRun<T> Start<T>(TrainingSetup<T> setup) where T : unmanaged, IFloatingPointIeee754<T> => inner.Start(setup);
    }
}
