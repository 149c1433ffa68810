namespace BackpropParity.Harness.Claims;

/// <summary>
/// One claim as a lesson's data file (Claims/Lessons/*.json) stores it: the lesson's exact words and printed value,
/// how it is checked (<c>number</c> at the printed precision, <c>prefix</c> for digits followed by "...",
/// <c>statement</c> decided by a named check, <c>not-checkable</c> with its reason), the named computation
/// (<see cref="ClaimComputations"/>) and its arguments, and the notes a verdict carries.
/// </summary>
public sealed record ClaimEntry(
    string Id,
    string Quote,
    string Printed,
    string Check,
    string? Compute = null,
    string? Scenario = null,
    string? Tensor = null,
    string? Over = null,
    string? Other = null,
    int Step = 0,
    int Index = 0,
    int? Steps = null,
    string? Parameter = null,
    double? Target = null,
    double? Limit = null,
    string? CosineOf = null,
    double? At = null,
    double? Above = null,
    double? Below = null,
    string? Note = null,
    string? WrongNote = null,
    string? Reason = null)
{
    public const string Number = "number", Prefix = "prefix", Statement = "statement", NotCheckable = "not-checkable";

    /// <summary>The run of the claim's scenario (for the number of steps it asks for, if it asks).</summary>
    public RunRecord Run(ClaimContext context) =>
        context.Run(Scenario ?? throw new InvalidDataException($"claim {Id}: '{Compute}' needs a scenario"), Steps);

    /// <summary>The claim's tensor at its step and index in that run.</summary>
    public double Value(ClaimContext context) => Run(context).Value(Step, Tensor ?? throw new InvalidDataException($"claim {Id}: '{Compute}' needs a tensor"), Index);
}
