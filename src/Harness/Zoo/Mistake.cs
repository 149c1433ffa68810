namespace BackpropParity.Harness.Zoo;

/// <summary>
/// What a mutant gets wrong, as data and one small function in double precision (the mutated part converts its
/// values to double, applies the mistake, and converts back, so one formula serves float and double runs).
/// </summary>
public abstract record Mistake;
