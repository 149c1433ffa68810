using System.Globalization;

namespace BackpropParity.Harness.Claims;

/// <summary>
/// Compares a computed value with a number as a lesson prints it, at the precision it is printed: "−0.755081"
/// has six decimals, so the value is formatted with six decimals and the two texts compared.
/// </summary>
public static class PrintedNumber
{
    public static int Decimals(string printed)
    {
        int dot = printed.IndexOf('.');
        return dot < 0 ? 0 : printed.Length - dot - 1;
    }

    /// <summary>The value written as the lesson would print it, with the printed number's decimals.</summary>
    public static string Format(double value, string printed)
    {
        string text = value.ToString("F" + Decimals(Normalise(printed)), CultureInfo.InvariantCulture);
        return text.StartsWith('-') && text[1..].All(c => c is '0' or '.') ? text[1..] : text;   // no "-0.0000"
    }

    public static bool Matches(double value, string printed) => Format(value, printed) == Normalise(printed);

    /// <summary>The shortest text that reads back as the same double: what Python's repr and Swift's print show.</summary>
    public static string RoundTrip(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The lessons write minus as "−" (U+2212); compare as ASCII.</summary>
    public static string Normalise(string printed) => printed.Replace('−', '-').Trim();

    /// <summary>A verdict for "value printed with its decimals": holds when the texts match.</summary>
    public static (string Computed, Verdict Verdict, string Note) Check(double value, string printed, string holdsNote = "", string wrongNote = "")
    {
        string computed = Format(value, printed);
        bool holds = computed == Normalise(printed);
        return (computed, holds ? Verdict.Holds : Verdict.Wrong,
            holds ? holdsNote : $"the computation gives {RoundTrip(value)}, which prints as {computed} at {Decimals(Normalise(printed))} decimals. {wrongNote}".Trim());
    }

    /// <summary>
    /// "0.622459...": the digits shown, then more. Holds when the value's shortest exact text starts with them; a value
    /// that only rounds to them holds too, with a note that the "..." is loose.
    /// </summary>
    public static (string Computed, Verdict Verdict, string Note) CheckPrefix(double value, string printed)
    {
        string digits = printed.EndsWith("...", StringComparison.Ordinal) ? printed[..^3] : printed;
        string exact = RoundTrip(value);
        if (exact.StartsWith(digits, StringComparison.Ordinal)) return (exact, Verdict.Holds, "");
        var (rounded, verdict, _) = Check(value, digits);
        return (exact, verdict, verdict == Verdict.Holds
            ? $"the value is {exact}: {digits} is it rounded, not its first digits, so the \"...\" is loose"
            : $"the value is {exact}, which neither starts with nor rounds to {digits} ({rounded}).");
    }
}
