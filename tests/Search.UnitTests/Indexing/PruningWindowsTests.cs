using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Indexing;

/// <summary>
/// Top-k pruning over a segment of several scoring windows, where each word's bound differs from
/// window to window: the pruned search returns exactly the exhaustive search's hits and scores.
/// </summary>
public sealed class PruningWindowsTests : IAsyncLifetime, IDisposable
{
    private const int Articles = 10_000;

    private static readonly string[] Vocabulary = [.. TestArticles.Words.Where(w => w.Length > 3 && w.All(char.IsLetter)).Take(300)];

    private readonly TestIndex _index = new();
    private readonly ArticleQueryParser _parser;
    private readonly CoordinatedBm25Similarity _similarity = new();
    private DirectoryReader? _reader;

    public PruningWindowsTests() => _parser = new ArticleQueryParser(_index.Analyzers);

    private IndexSearcher Searcher => new(_reader!) { Similarity = _similarity };

    public async Task InitializeAsync()
    {
        // Skewed word frequencies (a few words everywhere, most rare), and each quarter of the
        // index favours other words, so a word's best score changes from window to window.
        var random = new Random(5);
        string Words(int quarter, int min, int max) => string.Join(' ', Enumerable.Range(0, random.Next(min, max)).Select(_ =>
        {
            var rank = (int)(Vocabulary.Length * Math.Pow(random.NextDouble(), 3));
            return Vocabulary[(rank + (random.Next(4) == 0 ? quarter * 37 : 0)) % Vocabulary.Length];
        }));
        await _index.AddAsync([.. Enumerable.Range(0, Articles).Select(i => TestArticles.Article($"w{i}", Words(4 * i / Articles, 2, 8), Words(4 * i / Articles, 5, 40)))]);
        // One segment, so that it spans several windows.
        _index.Index.Dispose();
        using (var writer = new IndexWriter(FSDirectory.Open(_index.Path), new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            writer.ForceMerge(1);
        }

        _index.Reopen();
        _reader = DirectoryReader.Open(FSDirectory.Open(_index.Path));
        Assert.True(_reader.Leaves.Any(leaf => leaf.AtomicReader.MaxDoc > 2 * 4096), $"segments: {string.Join(", ", _reader.Leaves.Select(l => l.AtomicReader.MaxDoc))}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _reader?.Dispose();
        _index.Dispose();
    }

    [Fact]
    public void PrunedSearches_ReturnTheExhaustiveHits_WindowByWindow()
    {
        var random = new Random(17);
        int pruned = 0, undercounted = 0;
        for (var q = 0; q < 80; q++)
        {
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
            var shape = WordQuery.TryCreate(Searcher.Rewrite(_parser.Parse(text)!));
            Assert.NotNull(shape);
            foreach (var wanted in new[] { 1, 10 })
            {
                var (full, _, _) = WordQueryScorer.Search(Searcher, _similarity, shape, null, wanted, null, null);
                var (top, _, exact) = WordQueryScorer.Search(Searcher, _similarity, shape, null, wanted, null, null, exactHits: 1, readBoundsFrom: 1);
                Assert.Equal(full.ScoreDocs.Select(h => (h.Doc, h.Score)), top.ScoreDocs.Select(h => (h.Doc, h.Score)));
                Assert.True(exact ? top.TotalHits == full.TotalHits : top.TotalHits <= full.TotalHits);
                pruned += exact ? 0 : 1;
                undercounted += top.TotalHits < full.TotalHits ? 1 : 0;
            }
        }

        Assert.True(pruned > 40, $"pruned {pruned}");
        Assert.True(undercounted > 40, $"undercounted {undercounted}");
    }
}
