using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging.Abstractions;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

/// <summary>
/// An <see cref="IndexStorage"/> and its <see cref="SearcherSource"/> in a temporary folder,
/// without the façade, so each can be driven on its own; its searcher factory can be made to fail.
/// </summary>
internal sealed class StorageUnderTest : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FailingSearcherFactory _factory = new();
    private readonly ArticleDocuments _documents = new(TestIndex.CreateAnalyzers());

    public StorageUnderTest(TimeProvider? time = null, int maxPinned = 64)
    {
        Storage = new IndexStorage(_folder.Path, TestIndex.CreateAnalyzers(), 16, new CoordinatedBm25Similarity(), _ => { },
            NullLogger.Instance);
        Searchers = new SearcherSource(Storage.Writer!, _factory, time ?? TimeProvider.System, TimeSpan.FromMinutes(10), maxPinned);
    }

    public IndexStorage Storage { get; }

    public SearcherSource Searchers { get; }

    /// <summary>When set, opening a searcher fails as a full disk would.</summary>
    public bool FailSearchers
    {
        get => _factory.Fail;
        set => _factory.Fail = value;
    }

    /// <summary>Adds (not commits) an article through the current writer.</summary>
    public void Add(string id, string body = "texto") =>
        _documents.Upsert(Storage.Writer!, TestArticles.Article(id, "Título", body));

    /// <summary>Adds articles, commits and makes them visible to new leases.</summary>
    public void AddCommitted(params string[] ids)
    {
        foreach (var id in ids)
        {
            Add(id);
        }

        Storage.Writer!.Commit();
        Searchers.Refresh();
    }

    /// <summary>Pins the newest snapshot, as a page does, and returns its version.</summary>
    public long PinNewest()
    {
        using var lease = Searchers.Acquire();
        return lease.Pin();
    }

    public long NewestVersion()
    {
        using var lease = Searchers.Acquire();
        return lease.Version;
    }

    public int VisibleDocuments()
    {
        using var lease = Searchers.Acquire();
        return lease.Reader.NumDocs;
    }

    public void Dispose()
    {
        Searchers.Dispose();
        Storage.Dispose();
        _folder.Dispose();
    }

    private sealed class FailingSearcherFactory : SearcherFactory
    {
        public bool Fail { get; set; }

        public override IndexSearcher NewSearcher(IndexReader reader) =>
            Fail ? throw new IOException("No space left on device") : new IndexSearcher(reader);
    }
}
