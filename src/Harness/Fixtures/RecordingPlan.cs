namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Which steps a fixture records in full (every tensor); the loss is stored for every step. Short runs
/// (at most 100 steps) record every step. Longer runs record the first 10 steps, every tenth of the run
/// (every 500th step of 5000), and the last: about 20 steps, which keeps a 5000-step spiral fixture near 2 MB.
/// A large model (more than 100,000 parameters) records only its first and last steps: each recorded step of the
/// 784-256-256-10 network holds about a million values.
/// </summary>
public static class RecordingPlan
{
    public const int RecordEveryStepUpTo = 100;
    public const int LeadingSteps = 10;
    public const int Checkpoints = 10;

    public const long LargeModelParameters = 100_000;

    public static IReadOnlyList<int> RecordedSteps(int steps, long parameters = 0)
    {
        if (parameters > LargeModelParameters) return steps <= 1 ? [.. Enumerable.Range(0, steps)] : [0, steps - 1];
        if (steps <= RecordEveryStepUpTo) return Enumerable.Range(0, steps).ToList();
        int interval = Math.Max(1, steps / Checkpoints);
        return Enumerable.Range(0, LeadingSteps)
            .Concat(Enumerable.Range(0, steps).Where(s => s % interval == 0))
            .Append(steps - 1)
            .Distinct()
            .Order()
            .ToList();
    }
}
