namespace BackpropParity.Harness.Fixtures;

/// <summary>How <c>regen</c> treats a fixture: <see cref="Force"/> rewrites one that is only different within rounding;
/// <see cref="DryRun"/> decides and says, and writes nothing.</summary>
public sealed record RegenerationOptions(bool Force = false, bool DryRun = false);
