using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Tests.Scenarios;

public sealed class ShardTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(7)]
    public void Shards_HoldEveryScenarioOnce_InTheirOwnOrder(int count)
    {
        var all = ScenarioCatalog.Scenarios;
        var shards = Enumerable.Range(1, count).Select(i => Shards.Of(all, i, count)).ToList();

        Assert.That(shards.SelectMany(s => s).Select(s => s.Id).Order(), Is.EqualTo(all.Select(s => s.Id).Order()));
        foreach (var shard in shards)
            Assert.That(shard.Select(s => all.ToList().IndexOf(s)), Is.Ordered);
    }

    [Test]
    public void Shards_AreBalancedByCost_NotByCount()
    {
        var all = ScenarioCatalog.Scenarios;
        var work = Enumerable.Range(1, 3).Select(i => Shards.Of(all, i, 3).Sum(ScenarioSuite.EstimatedWork)).ToList();
        long largest = all.Max(ScenarioSuite.EstimatedWork);

        // Greedy longest-first: no shard exceeds the lightest by more than one scenario's work.
        Assert.That(work.Max() - work.Min(), Is.LessThanOrEqualTo(largest));
    }

    [Test]
    public void TheSplit_IsTheSameEveryTime() =>
        Assert.That(Shards.Of(ScenarioCatalog.Scenarios, 2, 4).Select(s => s.Id), Is.EqualTo(Shards.Of(ScenarioCatalog.Scenarios.ToList(), 2, 4).Select(s => s.Id)));

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("2")]
    [TestCase("a/b")]
    public void ABadShard_IsBadInput(string text) =>
        Assert.That(() => Shards.Parse(text), Throws.TypeOf<BadInputException>().With.Message.StartsWith($"--shard {text}: give i/n"));
}
