namespace BackpropParity.Harness.Zoo;

/// <summary>The optimizer built with the learning rate times <see cref="Factor"/>; it reports the rate it uses.</summary>
public sealed record LearningRateMistake(double Factor) : Mistake;
