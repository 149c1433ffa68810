namespace BackpropParity.Harness.Zoo;

/// <summary>
/// A linear layer's backward, run for real, then changed: what it produced (and what it read) in, what the buggy code
/// would leave out. <see cref="SquareOnly"/>: the mistake only fits a layer with as many inputs as outputs.
/// </summary>
public sealed record LinearMistake(Func<LinearBackward, LinearBackward> Change, bool SquareOnly = false) : Mistake;
