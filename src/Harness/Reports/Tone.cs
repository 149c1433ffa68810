namespace BackpropParity.Harness.Reports;

/// <summary>How a cell reads at a glance on the console (markdown shows the text alone).</summary>
public enum Tone { Plain, Good, Bad, Muted }
