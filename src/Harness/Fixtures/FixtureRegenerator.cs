using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Fixtures;

/// <summary>What regenerating one fixture did.</summary>
public enum RegenerationResult
{
    /// <summary>The new run equals the stored one; the file was not touched.</summary>
    Unchanged,

    /// <summary>The file was written (new, changed, or replacing an unreadable one).</summary>
    Written,

    /// <summary>The run holds NaN or Inf that its scenario does not expect; nothing was written.</summary>
    Refused,
}

/// <summary>The outcome of a regeneration, with the lines that explain it.</summary>
public sealed record RegenerationOutcome(RegenerationResult Result, IReadOnlyList<string> Lines, long Bytes);

/// <summary>
/// Decides what to do with a freshly recorded reference run: refuse it (NaN or Inf the scenario does not
/// expect), leave the stored file alone (nothing changed: the file stays byte for byte), or write it atomically
/// after listing what changed against the old file, tensor by tensor.
/// </summary>
public static class FixtureRegenerator
{
    public static RegenerationOutcome Regenerate(Scenario scenario, Fixture recorded, string path)
    {
        var nonFinite = FixtureFile.NonFiniteTensors(recorded);
        if (nonFinite.Count > 0 && scenario.Spec.NonFiniteExpected is null)
            return new RegenerationOutcome(RegenerationResult.Refused,
                [$"refused: the reference run holds NaN or Inf ({string.Join(", ", nonFinite.Take(3))}{(nonFinite.Count > 3 ? $", and {nonFinite.Count - 3} more" : "")}); " +
                 $"{path} is left as it was. A scenario that means to diverge says so in its spec (NonFiniteExpected)."], 0);

        byte[] bytes = FixtureFile.Serialize(recorded);
        var lines = new List<string>();
        if (!File.Exists(path))
        {
            lines.Add("new fixture");
        }
        else
        {
            SafetensorsFile? old = null;
            try
            {
                old = SafetensorsReader.Read(path);
            }
            catch (SafetensorsFormatException exception)
            {
                lines.Add($"replacing an unreadable fixture ({exception.Problem})");
            }
            if (old is not null)
            {
                var diff = FixtureDiff.Between(old, SafetensorsReader.Parse(bytes, path));
                if (diff.IsEmpty)
                    return new RegenerationOutcome(RegenerationResult.Unchanged, [$"no change ({path} left as it is)"], 0);
                lines.Add($"{diff.Changes.Count} changes:");
                lines.AddRange(diff.Changes.Select(c => "  " + c));
            }
        }

        SafetensorsWriter.WriteAtomically(path, bytes);
        lines.Add($"wrote {path} ({bytes.Length / 1024.0:0.#} KiB, {recorded.Recorded.Count} of {recorded.Metadata.Steps} steps recorded in full)");
        return new RegenerationOutcome(RegenerationResult.Written, lines, bytes.Length);
    }
}
