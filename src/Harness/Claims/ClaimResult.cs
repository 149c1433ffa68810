namespace BackpropParity.Harness.Claims;

/// <summary>
/// One claim, evaluated: where it is (<see cref="Source"/>, the lesson's file name), what it says
/// (<see cref="Quote"/>, verbatim), the value it prints, the value the computation gives at the same precision,
/// the verdict, and a note explaining it.
/// </summary>
public sealed record ClaimResult(string Id, string Source, string Quote, string Printed, string Computed, Verdict Verdict, string Note);
