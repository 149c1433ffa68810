namespace BackpropParity.Harness.Claims;

/// <summary>What the suite finds of a lesson's claim.</summary>
public enum Verdict
{
    /// <summary>The number or statement is what the computation gives, at the precision printed.</summary>
    Holds,

    /// <summary>The computation gives something else; the claim's note says what, and why when that can be found.</summary>
    Wrong,

    /// <summary>Nothing in the lesson pins down a computation to check it against; the note says why.</summary>
    Unverifiable,
}
