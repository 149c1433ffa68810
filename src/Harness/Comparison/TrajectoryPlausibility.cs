namespace BackpropParity.Harness.Comparison;

/// <summary>
/// Whether two free-running trajectories part the way rounding makes them part. Rounding amplified over steps grows:
/// the loss difference creeps up through the tolerance over a run of steps. A stored loss that was edited or damaged,
/// or a bug that only shows between steps, appears at full size from nowhere. The rule, on the loss (compared at every
/// step, whatever else a step records):
/// <code>
/// E(k) = |a − e| / (atol + rtol·|e|)          the loss's share of its tolerance at step k (∞ for NaN or ±Inf)
/// at every k with E(k) > 1:  E(k) ≤ 10 · max(E(k−5), …, E(k−1))       (and E(0) ≤ 1)
/// </code>
/// The window of 5 steps keeps a difference that happened to cross zero the step before from looking like a jump.
/// </summary>
public static class TrajectoryPlausibility
{
    public const double MaxGrowth = 10;
    public const int Window = 5;

    /// <summary>The first step where the loss jumps out of tolerance, or null when the trajectory grows as rounding does.</summary>
    public static TrajectoryJump? FindJump(Comparison trajectory)
    {
        var expected = trajectory.ExpectedLosses;
        var actual = trajectory.ActualLosses;
        var tolerance = trajectory.Tolerance;
        var shares = new double[Math.Min(expected.Count, actual.Count)];
        for (int k = 0; k < shares.Length; k++)
        {
            // the same non-finite loss on both sides is no difference to grow from; any other is a jump
            shares[k] = AgreementRule.ShareOfLimit(expected[k], actual[k], tolerance, nonFiniteExpected: true);
            if (shares[k] <= 1) continue;
            double before = 0;
            for (int j = Math.Max(0, k - Window); j < k; j++) before = Math.Max(before, shares[j]);
            if (shares[k] > MaxGrowth * before) return new TrajectoryJump(k, shares[k], before);
        }
        return null;
    }
}
