namespace BackpropParity.Harness.Fixtures;

/// <summary>What kind of difference a regenerated fixture has from the stored one.</summary>
public enum FixtureDifferenceKind
{
    /// <summary>A metadata string other than when and where it was recorded (the spec, a version, the recorded steps).</summary>
    Metadata,

    /// <summary>The run's data or initial parameters (<c>data/</c>, <c>init/</c>): inputs, never rounding.</summary>
    Input,

    /// <summary>A tensor added, removed, or of another dtype or shape.</summary>
    Structure,

    /// <summary>Values of a tensor the reference computed: possibly rounding, decided by <see cref="RegenerationCheck"/>.</summary>
    Values,

    /// <summary>
    /// The spec's wording only: a field that changes no number (the description, the tolerance, the reason a run may
    /// diverge; <see cref="ScenarioJson.NumberFields"/>). The stored numbers stay valid; only the spec text is updated.
    /// </summary>
    Wording,
}
