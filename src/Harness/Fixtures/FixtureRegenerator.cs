using BackpropParity.Harness.Runners;
using BackpropParity.Harness.Safetensors;
using BackpropParity.Harness.Scenarios;

namespace BackpropParity.Harness.Fixtures;

/// <summary>
/// Decides what to do with a freshly recorded reference run: refuse it (NaN or Inf the scenario does not expect);
/// leave the stored file byte for byte when nothing changed, or when only the last bits differ
/// (<see cref="RegenerationCheck"/>: another CPU rounds differently, which is no reason to churn a fixture); otherwise
/// write it atomically, after listing what changed. When only the spec's wording changed (a description, a tolerance),
/// the stored numbers are kept and only the spec text is rewritten. <c>--force</c> also rewrites a fixture that differs
/// within rounding (or was only reworded) with the new run.
/// </summary>
public static class FixtureRegenerator
{
    /// <param name="startReference">A fresh reference session for the scenario, to re-run the stored fixture's steps.</param>
    public static RegenerationOutcome Regenerate(Scenario scenario, Fixture recorded, string path, Func<ISession> startReference,
        RegenerationOptions? options = null)
    {
        options ??= new RegenerationOptions();
        var nonFinite = FixtureFile.NonFiniteTensors(recorded);
        if (nonFinite.Count > 0 && scenario.Spec.NonFiniteExpected is null)
            return new RegenerationOutcome(FixtureVerdict.Refused, Written: false,
                [$"refused: the reference run holds NaN or Inf ({string.Join(", ", nonFinite.Take(3))}{(nonFinite.Count > 3 ? $", and {nonFinite.Count - 3} more" : "")}); " +
                 $"{path} is left as it was. A scenario that means to diverge says so in its spec (NonFiniteExpected)."], 0);

        if (Directory.Exists(path))
            return new RegenerationOutcome(FixtureVerdict.Refused, Written: false, [$"{path} is a folder, not a fixture file; move it away and run regen again"], 0);
        byte[] bytes = FixtureFile.Serialize(recorded);
        var (verdict, lines, oldFile) = Classify(scenario, recorded, bytes, path, startReference);
        if (verdict == FixtureVerdict.Reworded && !options.Force)
            bytes = Respecified(oldFile!, recorded.Metadata);   // the stored numbers, the new spec text

        bool write = verdict is FixtureVerdict.New or FixtureVerdict.Unreadable or FixtureVerdict.Changed or FixtureVerdict.Reworded
                     || (options.Force && verdict == FixtureVerdict.WithinRounding);
        var said = new List<string>(lines);
        if (!write)
        {
            // One line per fixture that stays: what it is, and that the file was not touched.
            if (verdict == FixtureVerdict.Unchanged) said.Add($"no change ({path} left as it is)");
            else said[^1] += $"; {path} left as it is (`regen --force` rewrites it)";
            return new RegenerationOutcome(verdict, Written: false, said, 0);
        }
        if (options.DryRun)
        {
            said.Add($"would write {path} ({bytes.Length / 1024.0:0.#} KiB); --dry-run wrote nothing");
            return new RegenerationOutcome(verdict, Written: false, said, 0);
        }
        SafetensorsWriter.WriteAtomically(path, bytes);
        said.Add($"wrote {path} ({bytes.Length / 1024.0:0.#} KiB, {recorded.Recorded.Count} of {recorded.Metadata.Steps} steps recorded in full)");
        return new RegenerationOutcome(verdict, Written: true, said, bytes.Length);
    }

    // The stored file with only its spec text (and that text's hash) replaced: what a rewording writes.
    private static byte[] Respecified(SafetensorsFile stored, FixtureMetadata now)
    {
        var metadata = stored.Metadata.ToDictionary(m => m.Key, m => m.Value);
        metadata["scenario_spec"] = now.SpecJson;
        metadata["scenario_spec_sha256"] = now.SpecSha256;
        return SafetensorsWriter.Serialize(stored.Tensors, metadata);
    }

    private static (FixtureVerdict, IReadOnlyList<string>, SafetensorsFile?) Classify(Scenario scenario, Fixture recorded, byte[] bytes, string path,
        Func<ISession> startReference)
    {
        if (!File.Exists(path)) return (FixtureVerdict.New, ["new fixture"], null);
        SafetensorsFile oldFile;
        Fixture stored;
        try
        {
            oldFile = SafetensorsReader.Read(path);
            stored = FixtureFile.Parse(oldFile, path);
        }
        catch (Exception exception) when (exception is SafetensorsFormatException or FixtureException)
        {
            return (FixtureVerdict.Unreadable, [$"replacing an unreadable fixture ({exception.Message})"], null);
        }
        var diff = FixtureDiff.Between(oldFile, SafetensorsReader.Parse(bytes, path));
        var (verdict, lines) = RegenerationCheck.Classify(scenario, stored, diff, recorded, startReference,
            recorded.Metadata.RecordedOn ?? RecordingMachine.Current());
        return verdict == FixtureVerdict.Changed ? (verdict, ["changed:", .. lines.Select(l => "  " + l)], oldFile) : (verdict, lines, oldFile);
    }
}
