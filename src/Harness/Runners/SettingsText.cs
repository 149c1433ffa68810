using System.Globalization;

namespace BackpropParity.Harness.Runners;

/// <summary>How sessions write their settings: numbers in shortest round-trip form, so 0.1 and 0.1f differ.</summary>
public static class SettingsText
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
