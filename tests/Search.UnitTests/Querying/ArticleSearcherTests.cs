using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.UnitTests.Querying;

public sealed class ArticleSearcherTests : IAsyncLifetime, IDisposable
{
    private readonly TestIndex _index = new();
    private readonly ArticleSearcher _searcher;

    public ArticleSearcherTests() =>
        _searcher = new ArticleSearcher(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()));

    public async Task InitializeAsync() => await _index.AddAsync([TestArticles.Seed, .. TestArticles.Distractors]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData("OTAN")]
    [InlineData("otan")]
    [InlineData("NATO")]
    [InlineData("Exchange")]
    [InlineData("ciberespaco")]
    [InlineData("ciberespaço")]
    [InlineData("acusação")]
    [InlineData("ataque cibernético")]
    [InlineData("\"Microsoft Exchange\"")]
    [InlineData("Exch*")]
    [InlineData("ciberespaço~1")]
    public void Search_SeedQueries_RankTheSeedFirstWithHighlights(string query)
    {
        var result = _searcher.Search(new SearchQuery(query, 0, ""));

        Assert.NotEmpty(result.Hits);
        Assert.Equal(TestArticles.SeedId, result.Hits[0].Article.Id);
        Assert.Contains("<em>", result.Hits[0].Snippet);
    }

    [Theory]
    [InlineData("segurança")]
    [InlineData("ataque Microsoft defesa")]
    public void Search_SnippetsMadeInParallel_AreThoseMadeOneAfterAnother(string query)
    {
        var oneByOne = new ArticleSearcher(_index.Index, _index.Analyzers,
            Microsoft.Extensions.Options.Options.Create(new QueryOptions { SnippetParallelism = 1 }));
        var atOnce = new ArticleSearcher(_index.Index, _index.Analyzers,
            Microsoft.Extensions.Options.Options.Create(new QueryOptions { SnippetParallelism = 8 }));

        var expected = oneByOne.Search(new SearchQuery(query, 0, "")).Hits;
        var actual = atOnce.Search(new SearchQuery(query, 0, "")).Hits;

        Assert.True(expected.Count > 2, $"{expected.Count} hits");
        Assert.Contains(expected, h => h.Snippet.Contains("<em>", StringComparison.Ordinal));
        Assert.Equal(expected.Select(h => (h.Article.Id, h.Snippet, h.TitleHighlighted)), actual.Select(h => (h.Article.Id, h.Snippet, h.TitleHighlighted)));
    }

    [Fact]
    public void Search_Phrase_DoesNotMatchTheWordsApart()
    {
        // "Microsoft" and "segurança" both occur in the tecnologia article, but not side by side.
        var result = _searcher.Search(new SearchQuery("\"Microsoft segurança\"", 0, ""));
        Assert.Empty(result.Hits);
        Assert.Equal(0, result.TotalHits);
    }

    [Fact]
    public void Search_Snippet_MarksMatchesAndEscapesTheRest()
    {
        var result = _searcher.Search(new SearchQuery("infundadas", 0, ""));

        var snippet = Assert.Single(result.Hits).Snippet;
        Assert.Contains("<em>infundadas</em>", snippet);
        Assert.Contains("&quot;", snippet);
        Assert.DoesNotContain("\"", snippet.Replace("<em>", "").Replace("</em>", ""));
    }

    // The simple syntax reads malformed operators around words as text (README, "Query syntax").
    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("title:(")]
    [InlineData("AND OR NOT")]
    [InlineData("governo AND")]
    [InlineData("+(eleições")]
    [InlineData("title:[a TO")]
    public void Search_MalformedSyntaxAroundWords_IsAnswered(string query)
    {
        var result = _searcher.Search(new SearchQuery(query, 0, ""));

        Assert.InRange(result.Hits.Count, 0, result.TotalHits);
    }

    // Nothing left to search once the operators are read as text: refused like an empty query.
    [Theory]
    [InlineData("~")]
    [InlineData("*")]
    [InlineData("-")]
    [InlineData("\\")]
    [InlineData("(((")]
    public void Search_MalformedSyntaxWithoutWords_IsRefusedOnQuery(string query)
    {
        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Search(new SearchQuery(query, 0, "")));

        Assert.Equal("query", Assert.Single(ex.Errors).Field);
    }

    [Theory]
    [InlineData("", 0, "query")]
    [InlineData("   \t ", 0, "query")]
    [InlineData("OTAN", 101, "page_size")]
    [InlineData("OTAN", -1, "page_size")]
    public void Search_InvalidRequest_ReportsTheField(string query, int pageSize, string field)
    {
        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Search(new SearchQuery(query, pageSize, "")));
        Assert.Equal(field, Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Search_QueryOverTheLimit_IsRejectedWithTheLimitInTheMessage()
    {
        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Search(new SearchQuery(new string('x', 10_000), 0, "")));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("query", error.Field);
        Assert.Contains("1024", error.Description);
    }

    [Fact]
    public void Search_OnlyStopwords_StillSearchesThem() =>
        Assert.True(_searcher.Search(new SearchQuery("de", 0, "")).TotalHits >= 4);

    [Fact]
    public void Search_StopwordsBesideWords_DoNotCountAsMatches()
    {
        // "de" occurs in every article; only the seed mentions "ciberespaço".
        var result = _searcher.Search(new SearchQuery("de ciberespaço", 0, ""));
        Assert.Equal(TestArticles.SeedId, Assert.Single(result.Hits).Article.Id);
    }

    [Fact]
    public void Search_PunctuationOnly_IsRejected()
    {
        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Search(new SearchQuery("?!.,;", 0, "")));
        Assert.Equal("query", Assert.Single(ex.Errors).Field);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AAAA")]
    public void Search_GarbagePageToken_IsRejected(string token)
    {
        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Search(new SearchQuery("OTAN", 0, token)));
        Assert.Equal("page_token", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Search_PageTokenFromAnotherQuery_IsRejected()
    {
        var first = _searcher.Search(new SearchQuery("a", 1, ""));
        Assert.NotEmpty(first.NextPageToken);

        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Search(new SearchQuery("segurança", 1, first.NextPageToken)));
        Assert.Equal("page_token", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Search_WalkingPages_ReturnsEveryHitExactlyOnce()
    {
        // "segurança" occurs in the seed and two distractors.
        var all = _searcher.Search(new SearchQuery("segurança", 100, ""));
        Assert.Equal(3, all.TotalHits);

        var seen = new List<string>();
        var token = "";
        do
        {
            var page = _searcher.Search(new SearchQuery("segurança", 1, token));
            Assert.Equal(3, page.TotalHits);
            seen.AddRange(page.Hits.Select(h => h.Article.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(all.Hits.Select(h => h.Article.Id), seen);
    }

    // A whole answer (hits, count, facets, feedback, spelling, snippets, completions) comes from one index snapshot.
    [Theory]
    [InlineData("ataque cibernético")]
    [InlineData("Exchnage segurança")]
    [InlineData("Exch*")]
    public void Search_OneCall_AcquiresOneLease(string text)
    {
        var before = _index.Index.Searchers.LeasesAcquired;

        var result = WithFeedback().Search(new SearchQuery(text, 1, ""));

        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
        Assert.NotEmpty(result.Hits);
        Assert.NotEmpty(result.Facets);
    }

    [Fact]
    public void Search_MisspelledQuery_SuggestsOnTheSameLease()
    {
        var before = _index.Index.Searchers.LeasesAcquired;

        var result = _searcher.Search(new SearchQuery("ciberespaçco", 0, ""));

        Assert.Equal("ciberespaço", result.SpellingSuggestion);
        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
    }

    [Fact]
    public void Search_NextPage_AcquiresOneLease()
    {
        var first = _searcher.Search(new SearchQuery("segurança", 1, ""));
        var before = _index.Index.Searchers.LeasesAcquired;

        var second = _searcher.Search(new SearchQuery("segurança", 1, first.NextPageToken));

        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
        Assert.NotEqual(first.Hits[0].Article.Id, second.Hits[0].Article.Id);
    }

    [Fact]
    public void Suggest_OneCall_AcquiresOneLease()
    {
        var before = _index.Index.Searchers.LeasesAcquired;

        var completions = _searcher.Suggest("ataque ciberespa", 10);

        Assert.Equal(before + 1, _index.Index.Searchers.LeasesAcquired);
        Assert.Contains("ataque ciberespaço", completions.Select(c => c.Text));
    }

    private ArticleSearcher WithFeedback() =>
        new(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()),
            Microsoft.Extensions.Options.Options.Create(new RankingOptions { FeedbackDocuments = 2 }));
}
