using System.Text.Json;
using BackpropParity.Harness.Claims;
using BackpropParity.Cli;

namespace BackpropParity.Harness.Tests.Claims;

/// <summary>
/// The verdicts on the lessons' claims, pinned: a change in any computation that moves a verdict shows here.
/// Every claim not listed as wrong or not checkable must hold.
/// </summary>
[NonParallelizable]
public sealed class ClaimCatalogTests
{
    private static readonly Lazy<IReadOnlyList<ClaimResult>> Results = new(() => ClaimCatalog.EvaluateAll());

    private static readonly string[] Wrong =
    [
        "bp-python-step0", "bp-python-step20", "bp-python-step40", "bp-python-final-yhat",
        "bp-pytorch-step0", "bp-pytorch-step20", "bp-pytorch-prints", "bp-pytorch-final-yhat",
        "bp-autograd-identical", "np-prediction", "np-loss", "sp-perfect",
    ];

    private static readonly string[] NotCheckable =
    [
        "bp-xor-ceiling", "bp-delta-cost", "cr-100-factors", "cr-vanishing",
        "sp-chain-example", "sp-five-lines", "sp-forty-lines", "sp-same-result", "sp-1986", "sp-two-layers", "sp-few-hundred-lines",
    ];

    [Test]
    public void Verdicts_AreThePinnedOnes()
    {
        var byId = Results.Value.ToDictionary(r => r.Id);

        Assert.That(Results.Value.Where(r => r.Verdict == Verdict.Wrong).Select(r => r.Id), Is.EquivalentTo(Wrong));
        Assert.That(Results.Value.Where(r => r.Verdict == Verdict.Unverifiable).Select(r => r.Id), Is.EquivalentTo(NotCheckable));
        Assert.That(byId["l8-dLdw"].Computed, Is.EqualTo("-0.177447"));
        Assert.That(byId["bp-python-step0"].Computed, Is.EqualTo("0.0581"));
        Assert.That(byId["np-prediction"].Computed, Is.EqualTo("0.9959"));
        Assert.That(byId["sp-perfect"].Computed, Is.EqualTo("99.5%"));
        Assert.That(byId["bp-xor-accuracy"].Computed, Is.EqualTo("75%"));
        Assert.That(byId["l8-code-print-nudge"].Computed, Is.EqualTo("-0.1774461477838107"));
    }

    [Test]
    public void EveryClaim_NamesItsLessonAndQuote_AndHasAUniqueId()
    {
        Assert.That(ClaimCatalog.Lessons.Select(l => l.Source), Is.EqualTo(new[]
        {
            "000_1642f2c5fb8d5608.txt", "001_11758226f4cac60c.txt", "002_b9b5171c1f5fd6f6.txt", "003_6c68197598693f65.txt", "004_597e99762c9f48b7.txt",
        }), "one data file per lesson");
        Assert.That(ClaimCatalog.All.Select(c => c.Id), Is.Unique);
        Assert.That(ClaimCatalog.All.Select(c => c.Quote), Is.All.Not.Empty);
        Assert.That(ClaimCatalog.Lessons.Select(l => l.Claims.Count), Is.All.GreaterThan(3), "every lesson has claims");
    }

    [Test]
    public void EveryNamedComputation_IsUsedByAClaim()
    {
        var used = ClaimCatalog.Lessons.SelectMany(l => l.Claims).Select(c => c.Compute).ToHashSet();

        Assert.That(ClaimComputations.Numbers.Keys.Concat(ClaimComputations.Statements.Keys).Where(name => !used.Contains(name)), Is.Empty);
    }

    [TestCase("""{"title": "t", "source": "s", "claims": [{"id": "x", "quote": "q", "printed": "1", "check": "number", "compute": "no-such"}]}""", "claim x: check 'number' with computation 'no-such'")]
    [TestCase("""{"title": "t", "source": "s", "claims": [{"id": "x", "quote": "q", "printed": "1", "check": "guess", "compute": "value"}]}""", "claim x: check 'guess'")]
    [TestCase("""{"title": "t", "source": "s", "claims": [{"id": "x", "quote": "q", "printed": "1", "check": "not-checkable"}]}""", "claim x: check 'not-checkable'")]
    [TestCase("""{"title": "t", "source": "s", "claims": [{"id": "x", "quote": "q", "printed": "1", "check": "number", "compute": "value", "tensr": "loss"}]}""", "tensr")]
    public void ALessonFileAskingForWhatDoesNotExist_IsRefusedNamingIt(string json, string expected)
    {
        var error = Assert.Throws(Is.InstanceOf<Exception>(), () => ClaimCatalog.Parse("lesson.json", json));

        Assert.That(error!.Message, Does.Contain(expected));
    }

    [Test]
    public void EveryWrongOrUncheckableClaim_SaysWhy()
    {
        foreach (var result in Results.Value.Where(r => r.Verdict != Verdict.Holds))
            Assert.That(result.Note, Has.Length.GreaterThan(20), result.Id);
    }

    [Test]
    public void PrintedNumber_ComparesAtThePrintedPrecision()
    {
        Assert.That(PrintedNumber.Matches(-0.1774469173, "−0.177447"), Is.True);
        Assert.That(PrintedNumber.Matches(0.0097380, "0.0091"), Is.False);
        Assert.That(PrintedNumber.Format(-0.00001, "0.0000"), Is.EqualTo("0.0000"), "no negative zero");
        Assert.That(PrintedNumber.Format(3.0, "3"), Is.EqualTo("3"));
    }

    [Test]
    public void ClaimsJson_IsAnArrayWithTheDocumentedFields()
    {
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            Assert.That(Program.Main(["claims", "--json"]), Is.EqualTo(Program.Agree));
        }
        finally
        {
            Console.SetOut(original);
        }

        using var document = JsonDocument.Parse(output.ToString());
        var claims = document.RootElement.EnumerateArray().ToList();
        Assert.That(claims, Has.Count.EqualTo(ClaimCatalog.All.Count));
        var first = claims.Single(c => c.GetProperty("id").GetString() == "np-prediction");
        Assert.That(first.GetProperty("source").GetString(), Is.EqualTo("004_597e99762c9f48b7.txt"));
        Assert.That(first.GetProperty("quote").GetString(), Does.StartWith("# Prediction: 0.9876"));
        Assert.That(first.GetProperty("verdict").GetString(), Is.EqualTo("wrong"));
        Assert.That(first.GetProperty("printed").GetString(), Is.EqualTo("0.9876"));
        Assert.That(first.GetProperty("computed").GetString(), Is.EqualTo("0.9959"));
        Assert.That(first.GetProperty("note").GetString(), Does.Contain("σ(5.5)"));
    }
}
