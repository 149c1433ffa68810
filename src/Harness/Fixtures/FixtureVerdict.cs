namespace BackpropParity.Harness.Fixtures;

/// <summary>How a fresh reference run relates to the stored fixture.</summary>
public enum FixtureVerdict
{
    /// <summary>No fixture was stored yet.</summary>
    New,

    /// <summary>The stored file cannot be read as a fixture.</summary>
    Unreadable,

    /// <summary>Bit for bit the same run (apart from when and where it was recorded).</summary>
    Unchanged,

    /// <summary>Only the reference's last bits differ: every stored step, re-run here, is within <see cref="RoundingBound"/>.</summary>
    WithinRounding,

    /// <summary>
    /// Only the spec's wording changed (the description, the tolerance), and the numbers are the same or within rounding:
    /// the stored numbers are kept and only the spec text in the file is updated.
    /// </summary>
    Reworded,

    /// <summary>A real change: the spec, the data, the versions, the layout, or values beyond the rounding bound.</summary>
    Changed,

    /// <summary>The new run holds NaN or Inf that its scenario does not expect: it is not stored.</summary>
    Refused,
}
