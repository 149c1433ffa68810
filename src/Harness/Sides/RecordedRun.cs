using System.Text.Json;
using BackpropParity.Harness.Fixtures;
using BackpropParity.Harness.Scenarios;
using BackpropParity.Harness.Tracing;

namespace BackpropParity.Harness.Sides;

/// <summary>
/// A side whose run is already written down: a stored fixture, or what an external program computed. Free-running it
/// gives what it recorded of each step (the loss at every step, every tensor where it recorded the step in full);
/// replaying step k gives what it computed for k from the parameters it was given for k (a fixture's own start, an
/// external side's request), and nothing for a step it did not replay.
/// </summary>
public sealed class RecordedRun(string name, int steps, Func<int, TraceStep> stepAt, IReadOnlyDictionary<int, IReadOnlyList<NamedTensor>> starts,
    IReadOnlyDictionary<int, TraceStep> replayed, IReadOnlyDictionary<string, string>? settings = null) : SideRun(name)
{
    private int _last = -1;

    /// <summary>A stored fixture: its own recorded steps, from the parameters it stored for each; settings when it holds them (or as given).</summary>
    public static RecordedRun FromFixture(string name, Fixture fixture, IReadOnlyDictionary<string, string>? settings = null) =>
        new(name, fixture.Metadata.Steps, fixture.StepAt,
            fixture.Recorded.ToDictionary(r => r.Key, r => r.Value.StartParameters),
            fixture.Recorded.ToDictionary(r => r.Key, r => r.Value.Step),
            settings ?? (fixture.Metadata.Settings is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) : null));

    public override int Steps => steps;

    public override TraceStep Next(int step)
    {
        _last = step;
        return stepAt(step);
    }

    public override IReadOnlyList<NamedTensor>? StartOfLastStep => starts.GetValueOrDefault(_last);

    public override IResync Resync() => new Replay(replayed);

    public override IReadOnlyDictionary<string, string>? Settings => settings;

    private sealed class Replay(IReadOnlyDictionary<int, TraceStep> steps) : IResync
    {
        public TraceStep? From(int step, IReadOnlyList<NamedTensor> start) => steps.GetValueOrDefault(step);

        public void Dispose()
        {
        }
    }
}
