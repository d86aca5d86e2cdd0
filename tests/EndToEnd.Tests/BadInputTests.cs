using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

public sealed class BadInputTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = TestSystem.Start();
        await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Body = "A OTAN reuniu-se em Bruxelas." } });
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    public static TheoryData<string, int, string, string> InvalidSearches => new()
    {
        { "", 0, "", "query" },
        { "   ", 0, "", "query" },
        { new string('x', 10_000), 0, "", "query" },
        { "?!;", 0, "", "query" },
        { "OTAN", 101, "", "page_size" },
        { "OTAN", -5, "", "page_size" },
        { "OTAN", 0, "bm90LWEtdG9rZW4", "page_token" },
    };

    [Theory]
    [InlineData("/[a/")]
    [InlineData("title:/ab{2/")]
    public async Task Search_MalformedRegex_IsInvalidArgument(string query)
    {
        // Lucene's RegExp reports these as ArgumentException; they used to surface as INTERNAL.
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _system.SearchClient.SearchAsync(new SearchRequest { Query = query, Syntax = Syntax.Lucene }).ResponseAsync);

        RpcAssert.FieldViolation(ex, "query");
    }

    [Fact]
    public async Task Suggest_Noncharacter_IsAnswered()
    {
        var response = await _system.SearchClient.SuggestAsync(new SuggestRequest { Prefix = "ot\uFFFE" });

        Assert.NotNull(response);
    }

    [Fact]
    public async Task IngestArticle_NoncharacterInPortugueseText_IsAcceptedAndStoredWithoutIt()
    {
        // U+FFFE is valid UTF-8 on the wire but not text; it used to make the normaliser throw
        // (INTERNAL). Found by the normalisation property tests. The rest is a valid article.
        var response = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle { Body = "A OTAN reuniu-se \uFFFE em Bruxelas para a cimeira anual." },
        });

        Assert.Equal(IngestStatus.Created, response.Status);
        var stored = await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = response.Id });
        Assert.DoesNotContain('\uFFFE', stored.Article.Body);
        Assert.Contains("Bruxelas para a cimeira anual", stored.Article.Body);
    }

    [Fact]
    public async Task IngestArticle_OnlyNoncharacters_IsReplacedOrRefused_NeverInternal()
    {
        // Whether a body of nothing but replaced noncharacters is text is not a documented rule;
        // what is promised is a result or a field error, never a server error.
        try
        {
            var response = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Body = "\uFFFF\uFFFE" } });
            var stored = await _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = response.Id });
            Assert.DoesNotContain('\uFFFE', stored.Article.Body);
        }
        catch (RpcException ex)
        {
            RpcAssert.FieldViolation(ex, "article.body");
        }
    }

    [Theory]
    [MemberData(nameof(InvalidSearches))]
    public async Task Search_InvalidRequest_IsInvalidArgumentWithFieldViolation(string query, int pageSize, string token, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _system.SearchClient.SearchAsync(new SearchRequest { Query = query, PageSize = pageSize, PageToken = token }).ResponseAsync);

        RpcAssert.FieldViolation(ex, field);
    }

    // The simple syntax never fails on malformed input: unbalanced quotes and parentheses and
    // stray operators are read as text (README, "Query syntax").
    [Theory]
    [InlineData("\"unbalanced", 0)]
    [InlineData("title:(", 0)]
    [InlineData("AND OR NOT", 0)]
    [InlineData("+(eleições", 0)]
    [InlineData("OTAN~99", 1)]
    [InlineData("(OTAN", 1)]
    public async Task Search_MalformedSyntaxAroundWords_IsAnsweredAsText(string query, int hits)
    {
        var response = await _system.SearchClient.SearchAsync(new SearchRequest { Query = query });

        Assert.Equal(hits, response.TotalHits);
        Assert.Empty(_system.Errors);
    }

    // With no word left to search (a prefix needs 2 characters before '*'), the query is refused
    // like an empty one (README, "Limits").
    [Theory]
    [InlineData("*")]
    [InlineData("~")]
    [InlineData("(((")]
    public async Task Search_MalformedSyntaxWithoutWords_IsInvalidArgumentOnQuery(string query)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _system.SearchClient.SearchAsync(new SearchRequest { Query = query }).ResponseAsync);

        RpcAssert.FieldViolation(ex, "query");
        Assert.Empty(_system.Errors);
    }

    public static TheoryData<RawArticle, string> InvalidArticles => new()
    {
        { new RawArticle { Body = "" }, "article.body" },
        { new RawArticle { Body = "<script>x()</script>", ContentType = "text/html" }, "article.body" },
        { new RawArticle { Body = "texto", PublishedAt = "ontem" }, "article.published_at" },
        { new RawArticle { Body = "texto", ContentType = "application/pdf" }, "article.content_type" },
        { new RawArticle { Body = "texto", Url = "not a url" }, "article.url" },
        { new RawArticle { Body = "texto", Id = "com espaço" }, "article.id" },
        { new RawArticle { Body = new string('a', 2_000_001) }, "article.body" },
        { new RawArticle { Body = "texto", Title = new string('t', 501) }, "article.title" },
        { new RawArticle { Body = "texto", Tags = { Enumerable.Range(0, 51).Select(i => $"tag{i}") } }, "article.tags" },
        {
            new RawArticle
            {
                Body = "The government announced on Tuesday that the new infrastructure plan will be financed by private investors "
                    + "over the next ten years, according to officials who spoke on condition of anonymity. Critics said the proposal "
                    + "leaves rural regions without the roads and bridges they were promised during the last election campaign.",
            },
            "article.body"
        },
    };

    [Theory]
    [MemberData(nameof(InvalidArticles))]
    public async Task IngestArticle_InvalidArticle_IsInvalidArgumentWithFieldViolation(RawArticle article, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _system.IngestClient.IngestArticleAsync(new IngestArticleRequest { Article = article }).ResponseAsync);

        RpcAssert.FieldViolation(ex, field);
    }

    [Fact]
    public async Task IngestArticle_MissingArticle_IsInvalidArgument()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _system.IngestClient.IngestArticleAsync(new IngestArticleRequest()).ResponseAsync);
        RpcAssert.FieldViolation(ex, "article.body");
    }

    [Fact]
    public async Task GetArticle_UnknownId_IsNotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _system.SearchClient.GetArticleAsync(new GetArticleRequest { Id = "no-such-article-id" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task IndexArticles_ArticleWithoutId_IsInvalidArgumentNamingItsPosition()
    {
        var index = new IndexService.IndexServiceClient(_system.Search.Channel);
        using var call = index.IndexArticles(TestSystem.IndexCredentials);
        await call.RequestStream.WriteAsync(new IndexArticlesRequest { Article = new Article { Id = "ok-1", Body = "Zumbido raro." } });
        await call.RequestStream.WriteAsync(new IndexArticlesRequest { Article = new Article { Body = "sem id" } });
        await call.RequestStream.CompleteAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        RpcAssert.FieldViolation(ex, "articles[1].id");
    }
}
