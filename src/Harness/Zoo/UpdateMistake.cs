namespace BackpropParity.Harness.Zoo;

/// <summary>A wrong update, element by element: (θ before the step, θ after the real step) → θ after.</summary>
public sealed record UpdateMistake(Func<double, double, double> Update) : Mistake;
