using BackpropParity.Harness.Sides;
using BackpropParity.NUnit;
using NUnit.Framework;

namespace LearnerNet.Tests;

/// <summary>
/// Every built-in network scenario, float64 and float32, the learner's network against libtorch; and the learner's own
/// scenario files in scenarios/.
/// </summary>
public sealed class LearnerNetParity : ParitySpecification
{
    protected override IImplementation Implementation => new LearnerImplementation();

    public static IEnumerable<TestCaseData> Mine() => ScenarioFiles("scenarios");

    [TestCaseSource(nameof(Mine))]
    public void AgreesOnMyScenarios(string file, string scenarioId) => Check(file, scenarioId);
}
