using System.Reflection;
using System.Text.Json;

namespace BackpropParity.Harness.Claims;

/// <summary>
/// Every number and checkable statement the five lessons print, read from one data file per lesson
/// (Claims/Lessons/*.json, built into the program): its exact words, the value it prints, and the named computation
/// (<see cref="ClaimComputations"/>) that checks it. Numbers are compared at the precision printed. A claim the suite
/// finds wrong is a finding about the lesson, explained in its note, not a failure of the suite.
/// </summary>
public static class ClaimCatalog
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };

    private static readonly Lazy<IReadOnlyList<LessonClaims>> LessonFiles = new(Load);

    /// <summary>The lessons, each with its claims.</summary>
    public static IReadOnlyList<LessonClaims> Lessons => LessonFiles.Value;

    public static IReadOnlyList<Claim> All => Lessons.SelectMany(lesson => lesson.Claims.Select(entry => ToClaim(lesson, entry))).ToList();

    public static IReadOnlyList<ClaimResult> EvaluateAll(ClaimContext? context = null)
    {
        context ??= new ClaimContext();
        return All.Select(claim => claim.Run(context)).ToList();
    }

    /// <summary>Reads one lesson's data; a claim that asks for a check or computation that does not exist is refused here, naming it.</summary>
    public static LessonClaims Parse(string name, string json)
    {
        var lesson = JsonSerializer.Deserialize<LessonClaims>(json, Json) ?? throw new InvalidDataException($"{name}: empty");
        foreach (var claim in lesson.Claims)
        {
            bool known = claim.Check switch
            {
                ClaimEntry.Number or ClaimEntry.Prefix => claim.Compute is not null && ClaimComputations.Numbers.ContainsKey(claim.Compute),
                ClaimEntry.Statement => claim.Compute is not null && ClaimComputations.Statements.ContainsKey(claim.Compute),
                ClaimEntry.NotCheckable => claim.Reason is { Length: > 0 },
                _ => false,
            };
            if (!known)
                throw new InvalidDataException($"{name}, claim {claim.Id}: check '{claim.Check}' with computation '{claim.Compute}' is not one this program knows " +
                                               $"(numbers: {string.Join(", ", ClaimComputations.Numbers.Keys)}; statements: {string.Join(", ", ClaimComputations.Statements.Keys)}; " +
                                               "or not-checkable with a reason)");
        }
        return lesson;
    }

    private static IReadOnlyList<LessonClaims> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames().Where(n => n.Contains(".Claims.Lessons.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(name =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return Parse(name, reader.ReadToEnd());
            })
            .OrderBy(lesson => lesson.Source, StringComparer.Ordinal)
            .ToList();
    }

    private static Claim ToClaim(LessonClaims lesson, ClaimEntry entry) => entry.Check switch
    {
        ClaimEntry.Number => new(entry.Id, lesson.Source, entry.Quote, entry.Printed,
            c => PrintedNumber.Check(ClaimComputations.Numbers[entry.Compute!](c, entry), entry.Printed, entry.Note ?? "", entry.WrongNote ?? "")),
        ClaimEntry.Prefix => new(entry.Id, lesson.Source, entry.Quote, entry.Printed,
            c => PrintedNumber.CheckPrefix(ClaimComputations.Numbers[entry.Compute!](c, entry), entry.Printed)),
        ClaimEntry.Statement => new(entry.Id, lesson.Source, entry.Quote, entry.Printed, c => ClaimComputations.Statements[entry.Compute!](c, entry)),
        _ => new(entry.Id, lesson.Source, entry.Quote, entry.Printed, _ => ("", Verdict.Unverifiable, entry.Reason!)),
    };
}
