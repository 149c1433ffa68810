namespace BackpropParity.Harness;

/// <summary>
/// One pair of sides compared on one scenario (<c>manual vs torch</c>, <c>manual vs fixture</c>,
/// <c>torch vs fixture</c>), two ways:
/// <list type="bullet">
/// <item><see cref="Stepwise"/>: before every compared step the candidate is loaded with the reference's
/// parameters at the start of that step (re-synchronised), so each step's forward, backward and update are checked
/// on their own. A bug shows here, at its step.</item>
/// <item><see cref="Trajectory"/>: the candidate trains on its own from the initial parameters. Rounding
/// differences may be amplified over many steps (a ReLU input near 0 changes sign) until the trajectories part.</item>
/// </list>
/// The pair agrees when every step agrees. A trajectory that parts while every step agrees is rounding
/// amplified over steps, not a bug: it is reported, with where it parted, but does not fail the pair, provided it
/// parts the way rounding does, growing (<see cref="Comparison.TrajectoryPlausibility"/>); a loss that jumps out of
/// tolerance from nowhere (<see cref="TrajectoryJump"/>) fails the pair: an edited or corrupt stored value, or a bug
/// that shows only between steps.
/// When a step fails, <see cref="Audit"/> holds every operation of the manual side at that step run on the
/// reference's own inputs (see <see cref="Audit.LayerAudit"/>), and <see cref="Settings"/> any hyper-parameter or
/// convention on which the two sides differ, which is said before any number.
/// </summary>
public sealed record PairResult(string Name, Comparison.Comparison Stepwise, Comparison.Comparison Trajectory,
    IReadOnlyList<Audit.OperationCheck>? Audit = null, IReadOnlyList<Comparison.SettingDifference>? SettingsDifferences = null)
{
    /// <summary>Why the candidate did not run this scenario (it does not support it), or null when it ran.</summary>
    public string? Skipped { get; init; }

    /// <summary>When a step failed and the candidate cannot run one operation alone: why there is no <see cref="Audit"/>.</summary>
    public string? NoAuditReason { get; init; }

    /// <summary>A pair that was not compared because the candidate does not support the scenario: it passes, and says why.</summary>
    public static PairResult Skip(string name, Scenarios.ScenarioSpec spec, string reason)
    {
        var nothing = new Comparison.ComparisonBuilder(spec, "", "").Build();
        return new PairResult(name, nothing, nothing) { Skipped = reason };
    }

    public bool Passed => Skipped is not null || Stepwise.Passed && Trajectory.StructuralProblem is null && TrajectoryJump is null
                          && (SettingsDifferences is null || SettingsDifferences.Count == 0);

    /// <summary>Where every re-synchronised step agrees (a failing step already explains a parting run), the first step where the
    /// free-running loss jumps out of tolerance instead of growing into it, if any.</summary>
    public Comparison.TrajectoryJump? TrajectoryJump => Stepwise.Passed ? Comparison.TrajectoryPlausibility.FindJump(Trajectory) : null;

    /// <summary>True when the free-running trajectories part, as rounding does, although every re-synchronised step agrees.</summary>
    public bool TrajectoryDrifted => Stepwise.Passed && !Trajectory.Passed && TrajectoryJump is null;
}
