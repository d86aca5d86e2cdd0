using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

public sealed class RelevanceFeedbackTests : IAsyncLifetime, IDisposable
{
    private readonly TestIndex _index = new();

    public async Task InitializeAsync() => await _index.AddAsync(
    [
        // Two articles about vaccination share vocabulary (campanha, posto, dose, gripe) with a
        // third that never says "vacinação": feedback should bring it in.
        TestArticles.Article("vac1", "Vacinação contra a gripe", "A campanha de vacinação contra a gripe leva doses aos postos de saúde."),
        TestArticles.Article("vac2", "Vacinação avança", "A vacinação contra a gripe chega aos postos com nova dose da campanha."),
        TestArticles.Article("imun", "Imunização nos postos", "A campanha contra a gripe aplica a segunda dose nos postos de saúde."),
        TestArticles.Article("far", "Futebol", "O campeonato estadual termina no domingo com final no Maracanã."),
    ]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Search_FeedbackOff_FindsOnlyArticlesWithTheWord() =>
        Assert.Equal(["vac1", "vac2"], Searcher(feedbackDocuments: 0).Search(new SearchQuery("vacinação", 0, "")).Hits.Select(h => h.Article.Id).Order());

    [Fact]
    public void Search_FeedbackOn_AddsArticlesSharingTheTopHitsVocabularyBelowTheDirectMatches()
    {
        var ids = Searcher(feedbackDocuments: 2).Search(new SearchQuery("vacinação", 0, "")).Hits.Select(h => h.Article.Id).ToList();

        Assert.Equal(["vac1", "vac2"], ids.Take(2).Order());
        Assert.Equal("imun", ids[2]);
        Assert.DoesNotContain("far", ids);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(1, false)]
    public void Search_QueryLongerThanFeedbackMaxWords_IsNotExpanded(int maxWords, bool expanded)
    {
        var ids = Searcher(feedbackDocuments: 2, maxWords).Search(new SearchQuery("vacinação avança", 0, "")).Hits.Select(h => h.Article.Id);
        Assert.Equal(expanded, ids.Contains("imun"));
    }

    [Fact]
    public void Search_FeedbackOnPageTwo_ContinuesTheSameExpandedResult()
    {
        var searcher = Searcher(feedbackDocuments: 2);
        var all = searcher.Search(new SearchQuery("vacinação", 10, "")).Hits.Select(h => h.Article.Id).ToList();

        var first = searcher.Search(new SearchQuery("vacinação", 2, ""));
        var second = searcher.Search(new SearchQuery("vacinação", 2, first.NextPageToken));

        Assert.Equal(all, first.Hits.Concat(second.Hits).Select(h => h.Article.Id));
    }

    [Fact]
    public void Search_FeedbackWithFilter_ExpandsFromFilteredHitsOnly() =>
        Assert.Empty(Searcher(feedbackDocuments: 2).Search(new SearchQuery("vacinação", 0, "", Sources: ["Nenhuma"])).Hits);

    private ArticleSearcher Searcher(int feedbackDocuments, int maxWords = 6) =>
        new(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()),
            Microsoft.Extensions.Options.Options.Create(new RankingOptions { FeedbackDocuments = feedbackDocuments, FeedbackMaxWords = maxWords }));
}
