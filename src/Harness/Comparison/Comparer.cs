using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Comparison;

/// <summary>
/// Compares an actual trace with an expected one, step by step and tensor by tensor, by name. Pure: it reads
/// the two traces and returns a <see cref="Comparison"/>; it loads no file and knows no model. (Reading a
/// runner's trace is what drives that runner, one step at a time.)
/// </summary>
public static class Comparer
{
    public static Comparison Compare(Trace expected, Trace actual, ToleranceSpec? tolerance = null)
    {
        var builder = new ComparisonBuilder(expected.Spec, expected.Side, actual.Side, tolerance);
        if (expected.Spec.Id != actual.Spec.Id)
        {
            builder.StructuralProblem = $"the traces are of different scenarios: {expected.Spec.Id} and {actual.Spec.Id}";
            return builder.Build();
        }

        using var expectedSteps = expected.Steps.GetEnumerator();
        using var actualSteps = actual.Steps.GetEnumerator();
        for (int steps = 0; ; steps++)
        {
            bool hasExpected = expectedSteps.MoveNext(), hasActual = actualSteps.MoveNext();
            if (!hasExpected && !hasActual) break;
            if (hasExpected != hasActual)
            {
                var (shorter, longer) = hasExpected ? (actual.Side, expected.Side) : (expected.Side, actual.Side);
                builder.StructuralProblem = $"{shorter} stopped after {steps} steps, {longer} went on";
                break;
            }
            builder.Add(expectedSteps.Current, actualSteps.Current);
        }
        return builder.Build();
    }
}
