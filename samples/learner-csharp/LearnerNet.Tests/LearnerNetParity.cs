using BackpropParity.Harness.Sides;
using BackpropParity.NUnit;

namespace LearnerNet.Tests;

/// <summary>Every built-in network scenario, float64 and float32, the learner's network against libtorch.</summary>
public sealed class LearnerNetParity : ParitySpecification
{
    protected override IImplementation Implementation => new LearnerImplementation();
}
