namespace BackpropParity.Harness.Reports;

/// <summary>One cell: its text and its tone.</summary>
public readonly record struct Cell(string Text, Tone Tone = Tone.Plain)
{
    public static implicit operator Cell(string text) => new(text);
}
