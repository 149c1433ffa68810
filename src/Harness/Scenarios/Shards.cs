namespace BackpropParity.Harness.Scenarios;

/// <summary>
/// <c>run --shard i/n</c>: splits scenarios across n CI runners, the same way on every machine. Longest first (by the
/// estimated work, steps × values; ties by id), each scenario goes to the shard with the least work so far (ties: the
/// lower shard), so the shards finish close together. Every scenario is in exactly one shard; a shard keeps the
/// scenarios' own order.
/// </summary>
public static class Shards
{
    public static IReadOnlyList<Scenario> Of(IReadOnlyList<Scenario> scenarios, int index, int count)
    {
        var load = new long[count];
        var shardOf = new Dictionary<Scenario, int>(ReferenceEqualityComparer.Instance);
        foreach (var scenario in scenarios.OrderByDescending(ScenarioSuite.EstimatedWork).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            int lightest = Array.IndexOf(load, load.Min());
            shardOf[scenario] = lightest;
            load[lightest] += ScenarioSuite.EstimatedWork(scenario);
        }
        return scenarios.Where(s => shardOf[s] == index - 1).ToList();
    }

    /// <summary>"2/3" → (2, 3); anything else is bad input that says what is expected.</summary>
    public static (int Index, int Count) Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int index) && int.TryParse(parts[1], out int count) && count >= 1 && index >= 1 && index <= count)
            return (index, count);
        throw new BadInputException($"--shard {text}: give i/n with 1 ≤ i ≤ n, e.g. --shard 2/3 for the second of three runners");
    }
}
