using BackpropParity.Harness.Comparison;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;
using static BackpropParity.Harness.Tests.Comparison.TraceBuilder;

namespace BackpropParity.Harness.Tests.Comparison;

/// <summary>The verdict of one pair of step streams, tensor by tensor, as the comparison loop builds it for every pair.</summary>
public sealed class ComparisonBuilderTests
{
    // Two traces of the same length, step by step, as ComparisonLoop feeds a pair.
    private static Harness.Comparison.Comparison Compare(Trace expected, Trace actual)
    {
        var builder = new ComparisonBuilder(expected.Spec, expected.Side, actual.Side);
        foreach (var (e, a) in expected.Steps.Zip(actual.Steps)) builder.Add(e, a);
        return builder.Build();
    }

    [Test]
    public void IdenticalTraces_Pass_WithZeroUlpsAndNoLimitUsed()
    {
        var result = Compare(Trace("torch", Step(0), Step(1)), Trace("manual", Step(0), Step(1)));

        Assert.That(result.Passed, Is.True);
        Assert.That(result.StepsCompared, Is.EqualTo(2));
        Assert.That(result.TensorsCompared, Is.EqualTo(14));
        Assert.That(result.MaxUlps, Is.Zero);
        Assert.That(result.WorstLimitUsed, Is.Zero);
        Assert.That(result.FirstMismatch, Is.Null);
    }

    [Test]
    public void DifferenceWithinTolerance_Passes_AndReportsTheShareOfTheLimitUsed()
    {
        // float64: limit = 1e-7 + 1e-7·|e|; at e = 1.0 the limit is 2e-7, a difference of 1e-7 uses half of it.
        var result = Compare(Trace("torch", Step(0, weight: [1.0, 2.0, 3.0, 4.0])),
                                      Trace("manual", Step(0, weight: [1.0 + 1e-7, 2.0, 3.0, 4.0])));

        Assert.That(result.Passed, Is.True);
        Assert.That(result.WorstLimitUsed, Is.EqualTo(0.5).Within(1e-6));
        Assert.That(result.Tensors.Single(t => t.Name == "param/fc1.weight").MaxUlps, Is.EqualTo(450_359_962L).Within(2));
    }

    [Test]
    public void DifferenceBeyondTolerance_Fails_NamingStepPhaseTensorAndElement()
    {
        var result = Compare(Trace("torch", Step(0), Step(1)),
                                      Trace("manual", Step(0), Step(1, gradient: [0.025, 0.5])));

        Assert.That(result.Passed, Is.False);
        var first = result.FirstMismatch!;
        Assert.That(first.Step, Is.EqualTo(1));
        Assert.That(first.Phase, Is.EqualTo(Phase.Backward));
        Assert.That(first.Name, Is.EqualTo("dact/fc1"));
        Assert.That(first.MismatchedCount, Is.EqualTo(1));
        Assert.That(first.Distance!.Absolute.Index, Is.EqualTo("[0, 1]"));
        Assert.That(first.Distance.Absolute.Value, Is.EqualTo(0.547).Within(1e-12));
        Assert.That(first.WorstElements[0].Expected, Is.EqualTo(-0.047));
        Assert.That(first.WorstElements[0].Actual, Is.EqualTo(0.5));
        Assert.That(result.Suspect, Is.EqualTo(new Suspect(OperationPart.InputGradient, new LayerRef(1, "sigmoid1", LayerKind.Sigmoid))));
    }

    [Test]
    public void FirstMismatch_IsTheEarliestInComputeOrder_NotTheLargest()
    {
        // Both the forward activation and (hugely) the update differ; the forward one came first.
        var result = Compare(Trace("torch", Step(0)),
                                      Trace("manual", Step(0, activation: [0.25, -0.4], weight: [100, 2, 3, 4])));

        Assert.That(result.FirstMismatch!.Name, Is.EqualTo("act/fc1"));
        Assert.That(result.FailuresAtFirstFailingStep.Select(f => f.Name), Is.EqualTo(new[] { "act/fc1", "param/fc1.weight" }));
        Assert.That(result.Suspect, Is.EqualTo(new Suspect(OperationPart.Forward, new LayerRef(0, "fc1", LayerKind.Linear))));
    }

    [Test]
    public void NaNOnEitherSide_IsAMismatch_EvenAgainstNaN()
    {
        var result = Compare(Trace("torch", Step(0, loss: double.NaN)), Trace("manual", Step(0, loss: double.NaN)));

        Assert.That(result.Passed, Is.False);
        Assert.That(result.FirstMismatch!.Name, Is.EqualTo("loss"));
        Assert.That(result.Suspect, Is.EqualTo(Suspect.LossForward));
    }

    [Test]
    public void EqualInfinities_Agree_OnlyWhereTheScenarioExpectsNonFiniteValues()
    {
        var expecting = Spec() with { NonFiniteExpected = "test: a divergence on purpose" };

        var expected = Compare(Trace("torch", expecting, Step(0, loss: double.PositiveInfinity)), Trace("manual", expecting, Step(0, loss: double.PositiveInfinity)));
        var unexpected = Compare(Trace("torch", Step(0, loss: double.PositiveInfinity)), Trace("manual", Step(0, loss: double.PositiveInfinity)));

        Assert.That(expected.Passed, Is.True);
        Assert.That(unexpected.Passed, Is.False);
        Assert.That(unexpected.FirstMismatch!.Name, Is.EqualTo("loss"));
    }

    [Test]
    public void ShapeMismatch_IsReportedAsAProblem_NotComparedElementwise()
    {
        var expected = Step(0);
        var actualTensors = expected.Tensors.Select(t => t.Name == "act/fc1"
            ? new TraceTensor(Phase.Forward, NamedTensor.Create("act/fc1", [2, 1], [0.25, -0.5]))
            : t).ToList();

        var result = Compare(Trace("torch", expected), Trace("manual", new TraceStep(0, actualTensors)));

        Assert.That(result.FirstMismatch!.Problem, Is.EqualTo("shape differs: expected [1, 2], actual [2, 1]"));
    }

    [Test]
    public void TensorMissingOnOneSide_Fails_NamingTheSide()
    {
        var expected = Step(0);
        var actual = new TraceStep(0, expected.Tensors.Where(t => t.Name != "grad/fc1.weight").ToList());

        var result = Compare(Trace("torch", expected), Trace("manual", actual));

        Assert.That(result.FirstMismatch!.Problem, Is.EqualTo("manual did not record grad/fc1.weight"));
    }

    [Test]
    public void ExtraTensorOnActualSide_Fails()
    {
        var expected = Step(0);
        var actual = new TraceStep(0, [.. expected.Tensors, new TraceTensor(Phase.Forward, NamedTensor.Create("act/extra", [1], [1.0]))]);

        var result = Compare(Trace("torch", expected), Trace("manual", actual));

        Assert.That(result.FirstMismatch!.Problem, Is.EqualTo("torch did not record act/extra"));
    }

    [Test]
    public void ScenarioToleranceOverride_IsTheOneUsed()
    {
        var spec = Spec() with { Tolerance = new ToleranceSpec(0, 0.1, "test: loose on purpose") };

        var result = Compare(Trace("torch", spec, Step(0)), Trace("manual", spec, Step(0, activation: [0.3, -0.5])));

        Assert.That(result.Passed, Is.True);
        Assert.That(result.Tolerance.Reason, Is.EqualTo("test: loose on purpose"));
    }

    [Test]
    public void Float32Run_IsMeasuredInFloat32Ulps()
    {
        float one = 1.0f, next = MathF.BitIncrement(1.0f);
        var spec = Spec(DType.Float32);

        var result = Compare(Trace("torch", spec, Step(0, weight: [one, 2, 3, 4])), Trace("manual", spec, Step(0, weight: [next, 2, 3, 4])));

        Assert.That(result.Tensors.Single(t => t.Name == "param/fc1.weight").MaxUlps, Is.EqualTo(1));
    }
}
