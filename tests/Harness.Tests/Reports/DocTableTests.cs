using BackpropParity.Harness.Reports;

namespace BackpropParity.Harness.Tests.Reports;

/// <summary>A measured table in a page of docs/: found between its markers, rewritten in place, and compared with a fresh run on the machine-independent columns.</summary>
public sealed class DocTableTests
{
    private static ResultTable Fresh(string verdict = "agree", string measured = "1.2e-07", string summary = "2 scenarios.") => new("demo",
        [new("scenario"), new("measured", RightAligned: true, DependsOnMachine: true), new("verdict")],
        [["a|b", measured, verdict], ["c", "3%", "agree"]],
        summary);

    private static string Page(ResultTable table) => $"# Page\n\nText before.\n\n<!-- table: demo -->\n{table.ToMarkdown()}<!-- end table: demo -->\n\nText after.\n";

    [Test]
    public void AStoredTable_IsFoundBetweenItsMarkers_AndItsCellsReadBack()
    {
        var stored = DocTable.In("docs/page.md", Page(Fresh())).Single();

        Assert.That(stored.Name, Is.EqualTo("demo"));
        var rows = ResultTable.ParseMarkdownRows(stored.Content.Split('\n'));
        Assert.That(rows[0], Is.EqualTo(new[] { "scenario", "measured", "verdict" }));
        Assert.That(rows[1], Is.EqualTo(new[] { "a|b", "1.2e-07", "agree" }), "a pipe inside a cell survives the round trip");
        Assert.That(stored.Drift(Fresh()), Is.Empty);
    }

    [Test]
    public void AMachineDependentColumn_MayDiffer_WithoutDrift()
    {
        var stored = DocTable.In("docs/page.md", Page(Fresh(measured: "9.9e-08"))).Single();

        Assert.That(stored.Drift(Fresh()), Is.Empty);
    }

    [Test]
    public void AVerdictThatChanged_IsDrift_NamingPageTableRowAndColumn()
    {
        var stored = DocTable.In("docs/page.md", Page(Fresh(verdict: "agree"))).Single();

        Assert.That(stored.Drift(Fresh(verdict: "manual wrong")), Is.EqualTo(new[]
        {
            "docs/page.md, table demo, row 1 (a|b), column 'verdict': the page says 'agree', the run gives 'manual wrong'",
        }));
    }

    [Test]
    public void ARowMissingOrASummaryChanged_IsDrift()
    {
        var twoRows = Fresh();
        var oneRow = twoRows with { };
        var stored = DocTable.In("docs/page.md", Page(new ResultTable("demo", twoRows.Columns, [twoRows.Rows[0]], "1 scenario."))).Single();

        Assert.That(stored.Drift(oneRow), Has.Some.Contains("1 rows stored, the run gives 2").And.Some.Contains("the summary is not '2 scenarios.'"));
    }

    [Test]
    public void Rewrite_ReplacesOnlyTheTablesContent()
    {
        string page = Page(Fresh(verdict: "agree"));

        string rewritten = DocTable.Rewrite(page, new Dictionary<string, ResultTable> { ["demo"] = Fresh(verdict: "wrong") });

        Assert.That(rewritten, Is.EqualTo(Page(Fresh(verdict: "wrong"))));
        Assert.That(DocTable.Rewrite(page, new Dictionary<string, ResultTable>()), Is.EqualTo(page), "a table nobody measured is left as it is");
    }
}
