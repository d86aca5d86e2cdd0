using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// Page tokens over gRPC, as the README promises: a token pins its first page's snapshot for
/// <c>Query:PageTokenLifetime</c>, so a walk returns every hit once while writes commit; once the
/// snapshot has expired or was pruned (<c>Query:MaxPageTokenSnapshots</c>), and after a restart,
/// the token still answers, by offset on the newest snapshot; it is bound to its query and page size.
/// </summary>
public sealed class PageTokenTests : IAsyncDisposable
{
    private const string Marker = "zeferinopagina";
    private const int Articles = 25;
    private const int PageSize = 10;

    // Snapshots are pruned at most every 5 s of the service's clock: a fake one lets a test cross
    // that without waiting. (How long a snapshot has been superseded is Lucene's own, real clock.)
    private static readonly TimeSpan PastPruneInterval = TimeSpan.FromSeconds(6);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TempDirectory _data = new();
    private ServiceHost<SearchHostMarker>? _search;

    public async ValueTask DisposeAsync()
    {
        if (_search is not null)
        {
            await _search.DisposeAsync();
        }

        _data.Dispose();
    }

    [Fact]
    public async Task Search_CommitsBetweenPages_WalkReturnsEveryHitOfTheFirstSnapshotExactlyOnce()
    {
        var search = Start();
        await IndexAsync(Enumerable.Range(0, Articles).Select(Original));
        var expected = await IdsAsync(new SearchRequest { Query = Marker, PageSize = 100 });

        var walked = new List<string>();
        var page = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize });
        for (var commit = 0; ; commit++)
        {
            Assert.Equal(Articles, page.TotalHits);
            walked.AddRange(page.Hits.Select(h => h.Id));
            if (page.NextPageToken.Length == 0)
            {
                break;
            }

            // A new best hit is committed and someone searches the new snapshot; pruning runs but
            // keeps the walk's snapshot, well within its lifetime.
            await IndexAsync([Top(commit)]);
            await IdsAsync(new SearchRequest { Query = Marker, PageSize = 1 });
            _time.Advance(PastPruneInterval);
            page = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize, PageToken = page.NextPageToken });
        }

        Assert.Equal(expected, walked);
        Assert.Equal(Articles + 2, (await search.SearchAsync(new SearchRequest { Query = Marker })).TotalHits);
    }

    [Theory]
    [InlineData("Query:PageTokenLifetime", "00:00:00")]
    [InlineData("Query:MaxPageTokenSnapshots", "2")]
    public async Task Search_TokenSnapshotExpiredOrPruned_ReturnsTheNextPageByOffsetOnTheNewestSnapshot(string key, string value)
    {
        var search = Start(new Dictionary<string, string?> { [key] = value });
        await IndexAsync(Enumerable.Range(0, Articles).Select(Original));
        var first = await IdsAsync(new SearchRequest { Query = Marker, PageSize = 100 });
        var page1 = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize });

        // Two commits of better hits, each searched: the token's snapshot is now the oldest of three.
        await IndexAsync(Enumerable.Range(0, 3).Select(Top));
        await IdsAsync(new SearchRequest { Query = Marker, PageSize = 1 });
        await IndexAsync(Enumerable.Range(3, 2).Select(Top));
        await IdsAsync(new SearchRequest { Query = Marker, PageSize = 1 });
        _time.Advance(PastPruneInterval);

        var page2 = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize, PageToken = page1.NextPageToken });
        var newest = await IdsAsync(new SearchRequest { Query = Marker, PageSize = 3 * PageSize });

        Assert.Equal(Articles + 5, page2.TotalHits);
        Assert.Equal(newest.Skip(PageSize).Take(PageSize), page2.Hits.Select(h => h.Id));
        // Not the pinned page: the five new best hits moved everything down.
        Assert.NotEqual(first.Skip(PageSize).Take(PageSize), page2.Hits.Select(h => h.Id));
        var page3 = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize, PageToken = page2.NextPageToken });
        Assert.Equal(newest.Skip(2 * PageSize), page3.Hits.Select(h => h.Id));
        Assert.Empty(page3.NextPageToken);
    }

    [Fact]
    public async Task Search_AfterSearchRestart_TokenReturnsTheNextPageByOffsetAndStaysBoundToItsRequest()
    {
        var search = Start();
        await IndexAsync(Enumerable.Range(0, Articles).Select(Original));
        var page1 = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize });
        await IndexAsync(Enumerable.Range(0, 5).Select(Top));

        await _search!.DisposeAsync();
        _search = null;
        search = Start();

        var page2 = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize, PageToken = page1.NextPageToken });
        var newest = await IdsAsync(new SearchRequest { Query = Marker, PageSize = 3 * PageSize });
        Assert.Equal(newest.Skip(PageSize).Take(PageSize), page2.Hits.Select(h => h.Id));
        var page3 = await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = PageSize, PageToken = page2.NextPageToken });
        Assert.Equal(newest.Skip(2 * PageSize), page3.Hits.Select(h => h.Id));

        var otherSize = await Assert.ThrowsAsync<RpcException>(() =>
            search.SearchAsync(new SearchRequest { Query = Marker, PageSize = 5, PageToken = page1.NextPageToken }).ResponseAsync);
        RpcAssert.FieldViolation(otherSize, "page_token");
        var otherQuery = await Assert.ThrowsAsync<RpcException>(() =>
            search.SearchAsync(new SearchRequest { Query = "ministro", PageSize = PageSize, PageToken = page1.NextPageToken }).ResponseAsync);
        RpcAssert.FieldViolation(otherQuery, "page_token");
    }

    private SearchService.SearchServiceClient Start(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Index:Path"] = _data.Combine("index"),
            ["Auth:ApiKeys:ingest:Key"] = TestSystem.IndexKey,
            ["Auth:ApiKeys:ingest:Scopes"] = "write",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        _search = ServiceHost<SearchHostMarker>.Start(settings, services: s => s.AddSingleton<TimeProvider>(_time));
        return new SearchService.SearchServiceClient(_search.Channel);
    }

    // One IndexArticles call: one commit, so one new snapshot.
    private async Task IndexAsync(IEnumerable<Article> articles)
    {
        using var call = new IndexService.IndexServiceClient(_search!.Channel).IndexArticles(TestSystem.IndexCredentials);
        foreach (var article in articles)
        {
            await call.RequestStream.WriteAsync(new IndexArticlesRequest { Article = article });
        }

        await call.RequestStream.CompleteAsync();
        await call;
    }

    private async Task<List<string>> IdsAsync(SearchRequest request) =>
        (await new SearchService.SearchServiceClient(_search!.Channel).SearchAsync(request)).Hits.Select(h => h.Id).ToList();

    // Scores differ with the number of times the marker appears.
    private static Article Original(int i) => new()
    {
        Id = $"pagina-{i:D2}",
        Title = $"Notícia {i}",
        Body = $"O ministro {string.Join(' ', Enumerable.Repeat(Marker, i % 4 + 1))} anunciou a medida {i} em Brasília, com outras palavras de enchimento.",
        ContentHash = $"pagina-{i}",
    };

    // Ranks above every original: the marker in the title and throughout a short body.
    private static Article Top(int i) => new()
    {
        Id = $"topo-{i}",
        Title = $"{Marker} {Marker}",
        Body = $"{Marker} {Marker} {Marker} {Marker} {Marker} {i}",
        ContentHash = $"topo-{i}",
    };
}
