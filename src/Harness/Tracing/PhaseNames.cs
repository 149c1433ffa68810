namespace BackpropParity.Harness.Tracing;

public static class PhaseNames
{
    public static string Name(this Phase phase) => phase switch
    {
        Phase.Forward => "forward",
        Phase.Loss => "loss",
        Phase.Backward => "backward",
        Phase.Gradient => "gradient",
        Phase.Update => "update",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };
}
