using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.UnitTests.Querying;

public sealed class SearchFeaturesTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset July2021 = DateTimeOffset.Parse("2021-07-20T10:00:00-03:00");

    private readonly TestIndex _index = new();
    private readonly ArticleSearcher _searcher;

    public SearchFeaturesTests() =>
        _searcher = new ArticleSearcher(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()));

    public async Task InitializeAsync() => await _index.AddAsync(
    [
        TestArticles.Seed with { Source = "Global Times", Tags = ["china", "ciber"] },
        Dated("old", "Eleições municipais de 2018", "As eleições municipais mobilizaram o país.", July2021.AddYears(-3), "Agência Brasil", ["eleicoes"]),
        Dated("mid", "Eleições gerais de 2020", "As eleições gerais tiveram recorde de votos.", July2021.AddYears(-1), "Agência Brasil", ["eleicoes", "politica"]),
        Dated("new", "Eleições de 2022 começam", "As eleições de 2022 já têm candidatos.", July2021.AddYears(1), "Folha", ["eleicoes"]),
        Dated("undated", "Eleições sem data", "Texto sobre eleições sem data de publicação.", null, "Folha", []),
    ]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void Search_Misspelling_StillFindsTheArticle()
    {
        var result = _searcher.Search(new SearchQuery("Exchnage", 0, ""));
        var hit = Assert.Single(result.Hits);
        Assert.Equal(TestArticles.SeedId, hit.Article.Id);
        // The snippet marks the word the misspelling matched, as the article spells it.
        Assert.Contains("<em>Exchange</em>", hit.Snippet);
    }

    [Fact]
    public void Search_ExactWord_RanksAboveItsSpellingNeighbour()
    {
        // "eleicao" is unknown (only plural forms exist), so fuzzy matching is on; the article
        // with the exact stemmed match must still come before fuzzy-only ones.
        var result = _searcher.Search(new SearchQuery("gerais eleiçoes", 0, ""));
        Assert.Equal("mid", result.Hits[0].Article.Id);
    }

    [Fact]
    public void Search_Misspelling_ProposesTheCorrectSpelling()
    {
        var result = _searcher.Search(new SearchQuery("ciberespaçco", 0, ""));
        Assert.Equal("ciberespaço", result.SpellingSuggestion);
    }

    [Fact]
    public void Search_CorrectSpelling_ProposesNothing() =>
        Assert.Empty(_searcher.Search(new SearchQuery("ciberespaço", 0, "")).SpellingSuggestion);

    [Fact]
    public void Search_DateRange_KeepsOnlyArticlesInside()
    {
        var result = _searcher.Search(new SearchQuery("eleições", 0, "", PublishedAfter: July2021.AddYears(-2), PublishedBefore: July2021));
        Assert.Equal(["mid"], result.Hits.Select(h => h.Article.Id));
    }

    [Fact]
    public void Search_SourceAndTagFilters_Combine()
    {
        Assert.Equal(["mid", "old"], _searcher.Search(new SearchQuery("eleições", 0, "", Sources: ["Agência Brasil"])).Hits.Select(h => h.Article.Id).Order());
        Assert.Equal(["mid"], _searcher.Search(new SearchQuery("eleições", 0, "", Sources: ["Agência Brasil"], Tags: ["politica"])).Hits.Select(h => h.Article.Id));
        Assert.Empty(_searcher.Search(new SearchQuery("eleições", 0, "", Sources: ["Nenhuma"])).Hits);
    }

    [Theory]
    [InlineData(IndexSort.Newest, new[] { "new", "mid", "old", "undated" })]
    [InlineData(IndexSort.Oldest, new[] { "old", "mid", "new", "undated" })]
    public void Search_DateSort_OrdersByPublicationWithUndatedLast(IndexSort sort, string[] expected) =>
        Assert.Equal(expected, _searcher.Search(new SearchQuery("eleições", 0, "", Sort: sort)).Hits.Select(h => h.Article.Id));

    [Fact]
    public void Search_DateSort_PagesWalkEveryHitOnceInOrder()
    {
        var ids = new List<string>();
        var token = "";
        do
        {
            var page = _searcher.Search(new SearchQuery("eleições", 1, token, Sort: IndexSort.Newest));
            ids.AddRange(page.Hits.Select(h => h.Article.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(["new", "mid", "old", "undated"], ids);
    }

    [Fact]
    public void Search_Facets_CountTheWholeResultSetNotThePage()
    {
        var result = _searcher.Search(new SearchQuery("eleições", 1, ""));

        Assert.Single(result.Hits);
        var sources = result.Facets.Single(f => f.Field == "source").Values;
        Assert.Equal([new("Agência Brasil", 2), new("Folha", 2)], sources.OrderBy(v => v.Key));
        var tags = result.Facets.Single(f => f.Field == "tag").Values;
        Assert.Equal(new KeyValuePair<string, long>("eleicoes", 3), tags[0]);
        Assert.Contains(new KeyValuePair<string, long>("politica", 1), tags);
    }

    [Fact]
    public void Search_TitleHighlight_MarksMatchesAndKeepsAccents()
    {
        var hit = _searcher.Search(new SearchQuery("eleicoes gerais", 0, "")).Hits[0];
        Assert.Equal("<em>Eleições</em> <em>gerais</em> de 2020", hit.TitleHighlighted);
    }

    [Fact]
    public void Search_LuceneSyntax_SupportsFieldsAndBooleans()
    {
        var result = _searcher.Search(new SearchQuery("title:eleições AND NOT body:recorde", 0, "", Syntax: QuerySyntax.Lucene));
        Assert.Equal(["new", "old", "undated"], result.Hits.Select(h => h.Article.Id).Order());
    }

    [Theory]
    [InlineData("title:(eleições", "column")]
    [InlineData("governo AND", "column")]
    [InlineData("title:[a TO", "column")]
    // Found by fuzzing: the repetition count overflowed int and surfaced as INTERNAL.
    [InlineData("/[a-z]{2222222222222222222}/", "repetition count")]
    [InlineData("/[a-z]{2,52222222222222}ção/ OR title:x", "repetition count")]
    public void Search_LuceneSyntaxError_IsAFieldErrorThatSaysWhere(string query, string says)
    {
        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Search(new SearchQuery(query, 0, "", Syntax: QuerySyntax.Lucene)));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("query", error.Field);
        Assert.Contains(says, error.Description);
    }

    [Fact]
    public void Search_InvertedDateRange_IsRejected()
    {
        var ex = Assert.Throws<RequestValidationException>(() =>
            _searcher.Search(new SearchQuery("eleições", 0, "", PublishedAfter: July2021, PublishedBefore: July2021.AddDays(-1))));
        Assert.Equal("published_after", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Suggest_WordPrefix_CompletesAccentInsensitivelyWithAccents()
    {
        var texts = _searcher.Suggest("cibe", 10).Select(c => c.Text).ToList();

        Assert.Contains("cibernéticas", texts);
        Assert.Contains("ciberespaço", texts);
        Assert.All(texts, t => Assert.StartsWith("cibe", t));
    }

    [Fact]
    public void Suggest_LastWordOfSeveral_KeepsTheHead() =>
        Assert.Contains("ataque ciberespaço", _searcher.Suggest("ataque ciberespa", 10).Select(c => c.Text));

    [Fact]
    public void Suggest_TitlePrefix_ReturnsTheTitle() =>
        Assert.Contains("Eleições gerais de 2020", _searcher.Suggest("eleicoes ger", 10).Select(c => c.Text));

    [Fact]
    public void Suggest_RankedByDocumentFrequency()
    {
        var completions = _searcher.Suggest("elei", 5);
        Assert.Equal("eleições", completions[0].Text);
        Assert.True(completions[0].DocumentCount >= 4);
    }

    [Theory]
    [InlineData("", 0, "prefix")]
    [InlineData("abc", 51, "limit")]
    public void Suggest_InvalidRequest_NamesTheField(string prefix, int limit, string field)
    {
        var ex = Assert.Throws<RequestValidationException>(() => _searcher.Suggest(prefix, limit));
        Assert.Equal(field, Assert.Single(ex.Errors).Field);
    }

    private static IndexedArticle Dated(string id, string title, string body, DateTimeOffset? at, string source, IReadOnlyList<string> tags) =>
        new(id, title, body, "", source, at, tags, id);
}
