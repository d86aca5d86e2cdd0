using SeedSearch.Search.Querying;
using SeedSearch.Search.Watching;

namespace SeedSearch.Search.UnitTests.Watching;

public sealed class ArticleMatcherTests
{
    private static readonly Search.Analysis.PortugueseAnalyzerFactory Analyzers = TestIndex.CreateAnalyzers();
    private readonly ArticleQueryParser _parser = new(Analyzers);
    private readonly ArticleMatcher _matcher = new(Analyzers);

    [Theory]
    [InlineData("OTAN", true)]
    [InlineData("NATO", true)]                 // synonym
    [InlineData("otan", true)]
    [InlineData("cibernéticas", true)]
    [InlineData("ciberneticas", true)]         // accents folded
    [InlineData("\"atividades cibernéticas\"", true)]
    [InlineData("\"cibernéticas atividades\"", false)]
    [InlineData("ciber*", true)]
    [InlineData("barragem", false)]
    [InlineData("+OTAN +barragem", false)]
    [InlineData("OTAN barragem", true)]
    [InlineData("OTAN -chinesas", false)]       // next to other words, "-" excludes
    [InlineData("OTAN -barragem", true)]
    [InlineData("-barragem", true)]              // alone, everything without the word
    public async Task Matches_TheSeedArticle_AsTheIndexFindsIt(string query, bool expected)
    {
        var article = _matcher.Prepare(TestArticles.Seed);
        using var index = new TestIndex(analyzers: Analyzers);
        await index.AddAsync(TestArticles.Seed);
        var parsed = _parser.Parse(query)!;
        using var lease = index.Index.Acquire();

        Assert.Equal(lease.Searcher.Search(parsed, 1).TotalHits > 0, article.Matches(parsed));
        Assert.Equal(expected, article.Matches(parsed));
    }
}
