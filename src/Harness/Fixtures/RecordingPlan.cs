namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Which steps a fixture records in full (every tensor); the loss is stored for every step. Short runs
/// (at most 100 steps) record every step. Longer runs record the first 10 steps, every tenth of the run
/// (every 500th step of 5000), and the last: about 20 steps, which keeps a 5000-step spiral fixture near 2 MB.
/// A large model (more than 50,000 parameters) records only its first step in full: a recorded step holds every
/// parameter three times (start, gradient, updated value), 1.9 MB for the 55,050 float64 parameters of the
/// MNIST-shaped 784-64-64-10 network with its activations. Its later steps are still checked through the loss.
/// </summary>
public static class RecordingPlan
{
    public const int RecordEveryStepUpTo = 100;
    public const int LeadingSteps = 10;
    public const int Checkpoints = 10;

    public const long LargeModelParameters = 50_000;

    public static IReadOnlyList<int> RecordedSteps(int steps, long parameters = 0)
    {
        if (parameters > LargeModelParameters) return steps == 0 ? [] : [0];
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
