using BackpropParity.Harness.Cli;

namespace BackpropParity.Harness.Tests.Cli;

/// <summary>The command line's contract is its exit code: 0 agree, 1 disagree, 2 bad input.</summary>
public sealed class ProgramTests
{
    [Test]
    public void Run_AScenarioThatAgrees_ExitsZero() =>
        Assert.That(Program.Main(["run", "three-input-neuron"]), Is.EqualTo(Program.Agree));

    [Test]
    public void Run_AnUnknownScenario_ExitsWithBadInput() =>
        Assert.That(Program.Main(["run", "no-such-scenario"]), Is.EqualTo(Program.BadInput));

    [Test]
    public void List_ExitsZero() =>
        Assert.That(Program.Main(["list"]), Is.EqualTo(Program.Agree));
}
