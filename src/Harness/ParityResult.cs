namespace BackpropParity.Harness;

/// <summary>
/// The live check of one scenario, two ways:
/// <list type="bullet">
/// <item><see cref="Stepwise"/>: every step of the manual side starts from the reference's parameters before that
/// step (re-synchronised), so each step's computation is checked on its own. A bug shows here, at its step.</item>
/// <item><see cref="Trajectory"/>: the manual side trains on its own from the initial parameters. Rounding
/// differences may be amplified over many steps (a ReLU input near 0 changes sign) until the trajectories part.</item>
/// </list>
/// The scenario agrees when every step agrees. A trajectory that parts while every step agrees is rounding
/// amplified over steps, not a bug: it is reported, with where it parted, but does not fail the run.
/// </summary>
public sealed record ParityResult(Comparison.Comparison Stepwise, Comparison.Comparison Trajectory)
{
    public bool Passed => Stepwise.Passed && Trajectory.StructuralProblem is null;

    /// <summary>True when the free-running trajectories part although every re-synchronised step agrees.</summary>
    public bool TrajectoryDrifted => Stepwise.Passed && !Trajectory.Passed;
}
