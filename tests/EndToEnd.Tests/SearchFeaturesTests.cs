using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

public sealed class SearchFeaturesTests : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = TestSystem.Start();
        var seed = File.ReadAllText(Directory.EnumerateFiles(TestSystem.SeedsFolder, "*.txt").Order().First());
        using var call = _system.IngestClient.IngestArticles();
        await call.RequestStream.WriteAsync(new IngestArticlesRequest { WaitForIndexed = true, Article = new RawArticle { Id = "seed", Body = seed, Source = "Global Times", PublishedAt = "20/07/2021", Tags = { "china" } } });
        await call.RequestStream.WriteAsync(new IngestArticlesRequest { WaitForIndexed = true, Article = new RawArticle { Id = "nato-2023", Body = "A OTAN ampliou a presença no Báltico.", Source = "Agência", PublishedAt = "2023-01-10", Tags = { "defesa" } } });
        await call.RequestStream.CompleteAsync();
        Assert.Equal(2, (await call).CreatedCount);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Search_Nato_FindsTheOtanArticlesThroughTheSynonym()
    {
        var result = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "NATO" });
        Assert.Equal(["nato-2023", "seed"], result.Hits.Select(h => h.Id).Order());
        Assert.All(result.Hits, h => Assert.Contains("<em>OTAN</em>", h.Snippet));
    }

    [Fact]
    public async Task Search_FiltersSortAndFacets_TravelOverGrpc()
    {
        var filtered = await _system.SearchClient.SearchAsync(new SearchRequest
        {
            Query = "OTAN",
            PublishedAfter = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse("2022-01-01T00:00:00Z")),
            Sources = { "Agência" },
        });
        Assert.Equal(["nato-2023"], filtered.Hits.Select(h => h.Id));

        var newest = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "OTAN", Sort = Sort.Newest });
        Assert.Equal(["nato-2023", "seed"], newest.Hits.Select(h => h.Id));
        var tags = newest.Facets.Single(f => f.Field == "tag");
        Assert.Equal(["china", "defesa"], tags.Values.Select(v => v.Value).Order());
    }

    [Fact]
    public async Task Search_TypoAndSuggestion_OverGrpc()
    {
        var result = await _system.SearchClient.SearchAsync(new SearchRequest { Query = "Exchnage" });
        Assert.Equal("seed", result.Hits.Single().Id);
        Assert.Equal("Exchange", result.SpellingSuggestion);
    }

    [Fact]
    public async Task Search_LuceneSyntaxError_IsInvalidArgument()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _system.SearchClient.SearchAsync(new SearchRequest { Query = "title:(otan", Syntax = Contracts.Search.V1.Syntax.Lucene }).ResponseAsync);
        RpcAssert.FieldViolation(ex, "query");
    }

    public static TheoryData<SearchRequest, string> InvalidOptions => new()
    {
        {
            new SearchRequest
            {
                Query = "OTAN",
                PublishedAfter = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse("2023-01-01T00:00:00Z")),
                PublishedBefore = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse("2022-01-01T00:00:00Z")),
            },
            "published_after"
        },
        { new SearchRequest { Query = "OTAN", Sources = { "Agência", " " } }, "sources[1]" },
        { new SearchRequest { Query = "OTAN", Tags = { "" } }, "tags[0]" },
        { new SearchRequest { Query = "OTAN", Tags = { Enumerable.Range(0, 101).Select(i => $"t{i}") } }, "tags" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public async Task Search_InvalidOptions_AreInvalidArgumentWithFieldViolation(SearchRequest request, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _system.SearchClient.SearchAsync(request).ResponseAsync);
        RpcAssert.FieldViolation(ex, field);

        // Nothing was lost: the index still answers the same query without the bad option.
        Assert.Equal(2, (await _system.SearchClient.SearchAsync(new SearchRequest { Query = "OTAN" })).TotalHits);
    }

    [Theory]
    [InlineData("", 0, "prefix")]
    [InlineData("   ", 5, "prefix")]
    [InlineData("cibe", 51, "limit")]
    [InlineData("cibe", -1, "limit")]
    public async Task Suggest_InvalidRequest_IsInvalidArgumentWithFieldViolation(string prefix, int limit, string field)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _system.SearchClient.SuggestAsync(new SuggestRequest { Prefix = prefix, Limit = limit }).ResponseAsync);
        RpcAssert.FieldViolation(ex, field);
    }

    [Fact]
    public async Task Suggest_Prefix_ReturnsAccentedCompletions()
    {
        var response = await _system.SearchClient.SuggestAsync(new SuggestRequest { Prefix = "cibe", Limit = 5 });
        Assert.Contains(response.Suggestions, s => s.Text == "ciberespaço" && s.DocumentCount == 1);
    }
}
