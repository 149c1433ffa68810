namespace BackpropParity.Harness.Claims;

/// <summary>One lesson's claims: the lesson's title, its file, and its claims in the order it makes them.</summary>
public sealed record LessonClaims(string Title, string Source, IReadOnlyList<ClaimEntry> Claims);
