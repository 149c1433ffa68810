namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// One tensor of a new run against the old: the largest difference and its distance in ulps, and the largest share
/// of the rounding bound any element used (at most 1: same within rounding), at <see cref="WorstIndex"/>.
/// </summary>
public sealed record TensorRounding(int Step, string Name, string WorstIndex, double MaxDifference, long MaxUlps, double ShareOfBound)
{
    public bool Identical => MaxUlps == 0 && MaxDifference == 0 && ShareOfBound == 0;

    public bool WithinBound => ShareOfBound <= 1;
}
