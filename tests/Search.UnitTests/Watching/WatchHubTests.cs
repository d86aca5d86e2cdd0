using Microsoft.Extensions.Logging.Abstractions;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.Search.Watching;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.UnitTests.Watching;

public sealed class WatchHubTests
{
    private static readonly Search.Analysis.PortugueseAnalyzerFactory Analyzers = TestIndex.CreateAnalyzers();
    private readonly ArticleQueryParser _parser = new(Analyzers);

    [Fact]
    public void Match_SendsMatchingArticlesWithASnippet_AndSkipsTheRest()
    {
        using var hub = Hub();
        using var otan = hub.Open("a", Query("OTAN"));
        using var barragem = hub.Open("a", Query("barragem"));

        hub.Match([TestArticles.Seed, TestArticles.Article("b1", "Barragem", "A barragem de Minas Gerais rompeu.")]);

        Assert.True(otan.Events.TryRead(out var seed));
        Assert.Equal(TestArticles.Seed.Id, seed.Article!.Id);
        Assert.Contains("<em>OTAN</em>", seed.Snippet);
        Assert.False(otan.Events.TryRead(out _));
        Assert.True(barragem.Events.TryRead(out var dam));
        Assert.Equal("b1", dam.Article!.Id);
    }

    [Fact]
    public void Match_FiltersOnSourceTagsAndDate_AsSearchDoes()
    {
        using var hub = Hub();
        var at = DateTimeOffset.Parse("2021-07-20T12:00:00Z");
        using var filtered = hub.Open("a", Query("barragem") with { Sources = ["G1"], Tags = ["minas"], PublishedAfter = at, PublishedBefore = at.AddDays(1) });
        IndexedArticle Dam(string id, string source, string tag, DateTimeOffset? published) =>
            new(id, "Barragem", "A barragem rompeu.", "", source, published, [tag], "h");

        hub.Match([Dam("ok", "G1", "minas", at), Dam("source", "Folha", "minas", at), Dam("tag", "G1", "bahia", at),
            Dam("early", "G1", "minas", at.AddSeconds(-1)), Dam("late", "G1", "minas", at.AddDays(1)), Dam("undated", "G1", "minas", null)]);

        Assert.True(filtered.Events.TryRead(out var only));
        Assert.Equal("ok", only.Article!.Id);
        Assert.False(filtered.Events.TryRead(out _));
    }

    [Fact]
    public void Match_ABulkBatch_DeliversWhatArticleByArticleDelivers_InArticleOrder()
    {
        var at = DateTimeOffset.Parse("2021-07-20T12:00:00Z");
        var random = new Random(3);
        var articles = Enumerable.Range(0, 150).Select(i => new IndexedArticle($"a{i}", $"Notícia {i}",
                string.Join(' ', Enumerable.Range(0, 20).Select(_ => TestArticles.Words[random.Next(TestArticles.Words.Count)])) + (i % 7 == 0 ? " A barragem rompeu." : ""),
                "", i % 2 == 0 ? "G1" : "Folha", at.AddHours(i), [i % 3 == 0 ? "minas" : "bahia"], "h"))
            .Append(TestArticles.Seed)
            .ToList();
        StandingQuery[] queries =
        [
            Query("barragem"), Query("OTAN"), Query("barragem") with { Sources = ["G1"], Tags = ["minas"] },
            Query(TestArticles.Words[3]), Query($"{TestArticles.Words[5]}~1"), Query($"{TestArticles.Words[8][..3]}*"),
            Query(TestArticles.Words[1]) with { PublishedAfter = at.AddHours(30) },
        ];
        Assert.True(WatchHub.InBatch(articles.Count, queries.Length));
        Assert.False(WatchHub.InBatch(1, queries.Length));
        using var bulk = Hub();
        using var single = Hub();
        var inBulk = queries.Select(q => bulk.Open("a", q)).ToList();
        var oneByOne = queries.Select(q => single.Open("a", q)).ToList();

        bulk.Match(articles);
        foreach (var article in articles)
        {
            single.Match([article]);
        }

        for (var i = 0; i < queries.Length; i++)
        {
            var expected = Ids(oneByOne[i]);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Ids(inBulk[i]));
        }

        inBulk.Concat(oneByOne).ToList().ForEach(s => s.Dispose());
    }

    [Fact]
    public void Open_PastThePerClientOrTotalLimit_IsResourceExhausted_AndClosingFreesASlot()
    {
        using var hub = Hub(new WatchOptions { MaxPerClient = 2, MaxStandingQueries = 3 });
        var first = hub.Open("a", Query("OTAN"));
        using var second = hub.Open("a", Query("OTAN"));

        Assert.Throws<ResourceExhaustedException>(() => hub.Open("a", Query("OTAN")));
        using var other = hub.Open("b", Query("OTAN"));
        Assert.Throws<ResourceExhaustedException>(() => hub.Open("c", Query("OTAN")));

        first.Dispose();
        Assert.Equal(2, hub.Count);
        Assert.False(first.Events.TryRead(out _));
        Assert.True(first.Events.Completion.IsCompleted);
        using var third = hub.Open("c", Query("OTAN"));
        Assert.Equal(3, hub.Count);
    }

    [Fact]
    public void Match_ReaderFallsBehind_BufferStaysBounded_AndAGapNoticeCountsEveryDroppedMatch()
    {
        using var hub = Hub(new WatchOptions { BufferSize = 2 });
        using var slow = hub.Open("a", Query("barragem"));
        var articles = Enumerable.Range(1, 6).Select(i => TestArticles.Article($"m{i}", "Barragem", $"A barragem número {i}.")).ToList();

        hub.Match(articles[..5]);
        var first = Drain(slow);
        hub.Match(articles[5..]);
        var second = Drain(slow);

        Assert.Equal(["m1", "m2", "gap 1"], first);
        Assert.Equal(["gap 2", "m6"], second);
        Assert.Equal(3, slow.Dropped);
    }

    [Fact]
    public async Task Indexed_ArticlesOfACommit_ReachAnOpenStreamInTheBackground()
    {
        using var index = new TestIndex(analyzers: Analyzers);
        using var hub = Hub();
        await hub.StartAsync(CancellationToken.None);
        var indexer = new BatchIndexer(index.Index, Microsoft.Extensions.Options.Options.Create(new IndexOptions()), hub);
        using var watch = hub.Open("a", Query("barragem"));
        await indexer.IndexAsync(new[] { TestArticles.Article("old", "Barragem", "A barragem.") }.ToAsyncEnumerable(), CancellationToken.None);

        // Unchanged content is not news; a changed article and a new one are.
        await indexer.IndexAsync(new[]
        {
            TestArticles.Article("old", "Barragem", "A barragem."),
            TestArticles.Article("new", "Barragem", "Outra barragem."),
            TestArticles.Article("other", "Vacina", "Vacinação em massa."),
        }.ToAsyncEnumerable(), CancellationToken.None);

        var ids = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (ids.Count < 2)
        {
            ids.Add((await watch.Events.ReadAsync(timeout.Token)).Article!.Id);
        }

        Assert.Equal(["old", "new"], ids);
        await hub.StopAsync(CancellationToken.None);
    }

    private WatchHub Hub(WatchOptions? options = null) => new(new ArticleMatcher(Analyzers), new SnippetHighlighter(Analyzers, 200),
        Microsoft.Extensions.Options.Options.Create(options ?? new WatchOptions()), NullLogger<WatchHub>.Instance);

    private StandingQuery Query(string text) => new(_parser.Parse(text)!, null, null, [], []);

    private static List<string> Drain(WatchSubscription subscription)
    {
        var events = new List<string>();
        while (subscription.Events.TryRead(out var e))
        {
            events.Add(e.Article is null ? $"gap {e.Missed}" : e.Article.Id);
        }

        return events;
    }

    private static List<string> Ids(WatchSubscription subscription)
    {
        var ids = new List<string>();
        while (subscription.Events.TryRead(out var e))
        {
            if (e.Article is not null)
            {
                ids.Add(e.Article.Id);
            }
        }

        return ids;
    }
}
