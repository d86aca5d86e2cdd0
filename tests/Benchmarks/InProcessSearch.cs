using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;

namespace SeedSearch.Benchmarks;

/// <summary>
/// The search service's own ArticleIndex and ArticleSearcher over an index folder, in this
/// process: the same parsing, filters, highlighting and page size as the gRPC path, without the transport.
/// </summary>
internal sealed class InProcessSearch : IDisposable
{
    private readonly ArticleIndex _index;
    private readonly ArticleSearcher _searcher;

    private InProcessSearch(ArticleIndex index, ArticleSearcher searcher, TimeSpan openTime)
    {
        _index = index;
        _searcher = searcher;
        OpenTime = openTime;
    }

    /// <summary>How long opening the index took (writer, first searcher, document count).</summary>
    public TimeSpan OpenTime { get; }

    public int DocumentCount => _index.DocumentCount;

    public ArticleIndex Index => _index;

    public static InProcessSearch Open(string indexPath, SearchSettings settings)
    {
        var started = Stopwatch.GetTimestamp();
        var analyzers = settings.CreateAnalyzers();
        var index = new ArticleIndex(indexPath, analyzers, settings.Index.RamBufferSizeMb, settings.Query.PageTokenLifetime,
            TimeProvider.System, NullLogger<ArticleIndex>.Instance, settings.CreateSimilarity());
        // What the service's IndexOpener does before it reports SERVING.
        _ = index.DocumentCount;
        var openTime = Stopwatch.GetElapsedTime(started);
        var searcher = new ArticleSearcher(index, analyzers, Microsoft.Extensions.Options.Options.Create(settings.Query),
            Microsoft.Extensions.Options.Options.Create(settings.Ranking));
        return new InProcessSearch(index, searcher, openTime);
    }

    public SearchResult Search(BenchmarkQuery query) => _searcher.Search(query.ToQuery());

    public void Dispose() => _index.Dispose();
}
