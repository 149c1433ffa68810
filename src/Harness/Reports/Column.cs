namespace BackpropParity.Harness.Reports;

/// <summary>
/// A column: its header, whether numbers line up on the right, and whether its values depend on the machine that
/// measured them (libtorch's last bits, timings). The docs' tables are checked against a fresh run on the columns
/// that do not.
/// </summary>
public sealed record Column(string Header, bool RightAligned = false, bool DependsOnMachine = false);
