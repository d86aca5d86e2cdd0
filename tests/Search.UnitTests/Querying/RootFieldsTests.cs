using SeedSearch.Search.Analysis;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

public sealed class RootFieldsTests
{
    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Search_WordFormOnlyTheFullStemmerConflates_MatchesThroughTheRootFields(bool rootFields, bool found)
    {
        var analyzers = new PortugueseAnalyzerFactory(Microsoft.Extensions.Options.Options.Create(new AnalysisOptions { RootFields = rootFields }));
        using var index = new TestIndex(analyzers: analyzers);
        await index.AddAsync(TestArticles.Article("def", "Polícia", "A investigação da polícia continua."));
        var searcher = new ArticleSearcher(index.Index, analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()));

        // The light stemmer keeps "investigou" and "investigação" apart; RSLP reduces both to "investig".
        var hits = searcher.Search(new SearchQuery("investigou", 0, "")).Hits;

        Assert.Equal(found, hits.Any(h => h.Article.Id == "def"));
    }
}
