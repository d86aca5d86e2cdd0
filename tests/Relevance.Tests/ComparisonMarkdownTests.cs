namespace SeedSearch.Relevance.Tests;

public class ComparisonMarkdownTests
{
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["d1"] = "Chuvas | ventos no litoral",
        ["u1"] = "Feira de ciências",
        ["r"] = "Vacinação começa",
    };

    [Fact]
    public void Document_LostAndWonQueries_LossesWorstFirstWithArticlesAboveThenWins()
    {
        var judgments = new Dictionary<string, int> { ["r"] = 2 };
        var comparison = new QueryComparison(
        [
            new QueryRankings("q1", "gripe", 1, judgments, ["d1", "r"], ["r"]),
            new QueryRankings("q2", "vacina gripe", 2, judgments, ["u1", "d1"], ["r"]),
            new QueryRankings("q3", "calendário", 1, judgments, ["r"], ["u1", "r"]),
        ], new HashSet<string> { "d1" });

        var text = ComparisonMarkdown.Document(comparison, "set, plain", "How it was run.", Titles);

        var lines = text.Split(Environment.NewLine);
        Assert.Equal("# set, plain", lines[0]);
        Assert.Contains("| 1 | 2 | 0.815 | 0.815 | 0.000 | 1 | 0.250 | 0.000 |", lines);
        Assert.Contains("| all | 3 | 0.544 | 0.877 | −0.333 | 2 | 0.333 | 0.000 |", lines);
        var worst = Array.IndexOf(lines, "### 1. q2: vacina gripe");
        var second = Array.IndexOf(lines, "### 2. q1: gripe");
        Assert.True(worst > 0 && second > worst, text);
        Assert.Contains("service 0.000, raw 1.000, Δ −1.000; best-graded relevant article (grade 2) at service rank –, raw rank 1.", lines);
        Assert.Contains("| 1 | u1 | real, unjudged | Feira de ciências |", lines);
        Assert.Contains("| 2 | d1 | synthetic distractor | Chuvas \\| ventos no litoral |", lines);
        Assert.Contains("| q3 | calendário | 1.000 | 0.631 | +0.369 | 1 | 2 |", lines);
    }

    [Fact]
    public void Document_LossWithTheBestArticleFirst_SaysTheLossIsFurtherDown()
    {
        var judgments = new Dictionary<string, int> { ["r"] = 2, ["s"] = 1 };
        var comparison = new QueryComparison([new QueryRankings("q1", "gripe", 1, judgments, ["r", "u1", "s"], ["r", "s"])], new HashSet<string>());

        var lines = ComparisonMarkdown.Document(comparison, "set, plain", "How it was run.", Titles).Split(Environment.NewLine);

        var heading = Array.IndexOf(lines, "### 1. q1: gripe");
        Assert.Equal("service 0.950, raw 1.000, Δ −0.050; best-graded relevant article (grade 2) at service rank 1, raw rank 1.", lines[heading + 2]);
        Assert.Equal("Nothing ranks above it: the service loses further down its top 10.", lines[heading + 4]);
    }

    [Fact]
    public void BucketTable_Comparison_HeaderThenOneRowPerBucket()
    {
        var comparison = new QueryComparison([new QueryRankings("q1", "gripe", 7, new Dictionary<string, int> { ["r"] = 1 }, ["r"], ["r"])], new HashSet<string>());

        var table = ComparisonMarkdown.BucketTable(comparison);

        Assert.Equal(4, table.Count);
        Assert.StartsWith("| content words | queries | service nDCG@10 | raw nDCG@10 | Δ |", table[0], StringComparison.Ordinal);
        Assert.Equal(["| 6+ | 1 | 1.000 | 1.000 | 0.000 | 0 | 0.000 | 0.000 |", "| all | 1 | 1.000 | 1.000 | 0.000 | 0 | 0.000 | 0.000 |"], table.Skip(2));
    }
}
