namespace BackpropParity.Harness.Claims;

/// <summary>
/// A number or checkable statement printed in a lesson, and how to check it: <see cref="Evaluate"/> computes the
/// value from a scenario (through <see cref="ClaimContext"/>) and judges it.
/// </summary>
public sealed record Claim(string Id, string Source, string Quote, string Printed, Func<ClaimContext, (string Computed, Verdict Verdict, string Note)> Evaluate)
{
    public ClaimResult Run(ClaimContext context)
    {
        var (computed, verdict, note) = Evaluate(context);
        return new ClaimResult(Id, Source, Quote, Printed, computed, verdict, note);
    }
}
