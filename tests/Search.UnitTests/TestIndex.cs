using Microsoft.Extensions.Logging.Abstractions;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.UnitTests;

/// <summary>
/// A real on-disk index, in a temporary folder deleted on dispose unless <c>path</c> names a
/// folder the caller owns.
/// </summary>
public sealed class TestIndex : IDisposable
{
    public TestIndex(string? path = null, PortugueseAnalyzerFactory? analyzers = null, TimeProvider? time = null, int maxPinned = 64)
    {
        _maxPinned = maxPinned;
        _folder = path is null ? new TempDirectory() : null;
        Path = path ?? _folder!.Path;
        Analyzers = analyzers ?? CreateAnalyzers();
        _time = time ?? TimeProvider.System;
        Index = Open();
    }

    private readonly TempDirectory? _folder;
    private readonly TimeProvider _time;
    private readonly int _maxPinned;

    public string Path { get; }

    public PortugueseAnalyzerFactory Analyzers { get; }

    public ArticleIndex Index { get; private set; }

    public static PortugueseAnalyzerFactory CreateAnalyzers() =>
        new(Microsoft.Extensions.Options.Options.Create(new AnalysisOptions()));

    /// <summary>Closes the index and opens the same directory again, as a restart would.</summary>
    public void Reopen()
    {
        Index.Dispose();
        Index = Open();
    }

    public async Task<IReadOnlyList<UpsertStatus>> AddAsync(params IndexedArticle[] articles)
    {
        var statuses = await Index.UpsertAsync(articles, CancellationToken.None);
        await Index.CommitAsync(CancellationToken.None);
        return statuses;
    }

    /// <summary>One page on its own lease, as a query would run it.</summary>
    public IndexPage Search(IndexSearchRequest request, SearchCursor? after = null)
    {
        using var lease = Index.Acquire(after);
        return Index.Pages.Run(lease, request, after);
    }

    public void Dispose()
    {
        Index.Dispose();
        _folder?.Dispose();
    }

    private ArticleIndex Open() =>
        new(Path, Analyzers, 16, TimeSpan.FromMinutes(10), _time, NullLogger<ArticleIndex>.Instance, maxPinned: _maxPinned);
}
