using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Indexing;

/// <summary>
/// The word-query scorer against Lucene's own scorers on a real multi-segment index: for parsed
/// search-box queries (synonyms, hyphenated words, misspellings expanded to their neighbours)
/// both find the same documents with the same scores, whatever the filter, page or facets.
/// </summary>
public sealed class WordQueryScorerTests : IAsyncLifetime, IDisposable
{
    private static readonly string[] Vocabulary = BuildVocabulary();

    private readonly TestIndex _index = new();
    private readonly ArticleQueryParser _parser;
    private readonly CoordinatedBm25Similarity _similarity = new();
    private DirectoryReader? _reader;

    public WordQueryScorerTests() => _parser = new ArticleQueryParser(_index.Analyzers);

    private IndexSearcher Searcher => new(_reader!) { Similarity = _similarity };

    public async Task InitializeAsync()
    {
        var random = new Random(7);
        await _index.AddAsync([TestArticles.Seed, .. TestArticles.Distractors]);
        for (var batch = 0; batch < 4; batch++)
        {
            // Separate commits give several segments, so per-segment state is exercised.
            var articles = Enumerable.Range(0, 60).Select(i => TestArticles.Article($"gen-{batch}-{i}", Sentence(random, 3, 8), Sentence(random, 10, 80))
                with { Source = i % 3 == 0 ? "Agência" : "Teste" }).ToArray();
            await _index.AddAsync(articles);
        }

        _reader = DirectoryReader.Open(FSDirectory.Open(_index.Path));
        Assert.True(_reader.Leaves.Count > 1, "the index should have several segments");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _reader?.Dispose();
        _index.Dispose();
    }

    public static TheoryData<string> Queries() =>
    [
        "OTAN", "nato", "Exchange", "embaixadas chinesas", "acusações de espionagem", "segurança europeia defesa",
        "ciberespaço", "terça-feira bolsa", "Microsoft Windows inteligência artificial", "de", "o que",
        "embaixdas", "acusaçoes chinesa", "Flamengo clássico gols domingo ataque",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public void ScoresEveryMatchAsLucene(string text) => AssertSameAsLucene(text, filter: null);

    [Fact]
    public void RandomQueries_ScoreEveryMatchAsLucene()
    {
        var random = new Random(11);
        for (var i = 0; i < 150; i++)
        {
            var words = Enumerable.Range(0, random.Next(1, 7)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]);
            // Some words misspelt: a letter dropped, so the parser adds spelling neighbours.
            var text = string.Join(' ', words.Select(w => w.Length > 5 && random.Next(6) == 0 ? w.Remove(random.Next(w.Length), 1) : w));
            AssertSameAsLucene(text, filter: null);
        }
    }

    [Theory]
    [InlineData("segurança defesa")]
    [InlineData("embaixadas acusações")]
    public void WithAFilter_ScoresOnlyTheDocumentsItLetsThrough(string text)
    {
        var filter = new TermQuery(new Term(IndexFields.Source, "Agência"));
        var (ours, _) = AssertSameAsLucene(text, new QueryWrapperFilter(filter));
        Assert.NotEmpty(ours.ScoreDocs);
        Assert.All(ours.ScoreDocs, hit => Assert.Equal("Agência", Searcher.Doc(hit.Doc).Get(IndexFields.Source)));
    }

    [Fact]
    public void PagesWithSearchAfter_ReturnEveryMatchOnceInRankOrder()
    {
        var shape = Shape("segurança defesa europeia");
        var (all, _, _) = WordQueryScorer.Search(Searcher, _similarity, shape, null, int.MaxValue / 2, null, null);
        var paged = new List<ScoreDoc>();
        ScoreDoc? after = null;
        while (true)
        {
            var (page, _, _) = WordQueryScorer.Search(Searcher, _similarity, shape, null, 7, after, null);
            Assert.Equal(all.TotalHits, page.TotalHits);
            if (page.ScoreDocs.Length == 0)
            {
                break;
            }

            paged.AddRange(page.ScoreDocs);
            after = page.ScoreDocs[^1];
        }

        Assert.True(all.TotalHits > 20);
        Assert.Equal(all.ScoreDocs.Select(h => h.Doc), paged.Select(h => h.Doc));
    }

    [Fact]
    public void EveryMatchReachesTheFacetCollector_AndNothingElse()
    {
        var shape = Shape("embaixadas segurança");
        var seen = new DocumentSet();
        var (top, _, _) = WordQueryScorer.Search(Searcher, _similarity, shape, null, 3, null, seen);
        var lucene = Searcher.Search(_parser.Parse("embaixadas segurança")!, int.MaxValue / 2);
        Assert.Equal(3, top.ScoreDocs.Length);
        Assert.Equal(lucene.ScoreDocs.Select(h => h.Doc).Order(), seen.Documents.Order());
    }

    [Fact]
    public void PastTheDeadline_StopsAndSaysTheAnswerIsPartial()
    {
        var clock = Counter.NewCounter();
        clock.AddAndGet(1000);
        var (top, partial, _) = WordQueryScorer.Search(Searcher, _similarity, Shape("segurança"), null, 10, null, null, new WordQueryScorer.Deadline(clock, 999));
        Assert.True(partial);
        Assert.True(top.TotalHits < Searcher.Search(_parser.Parse("segurança")!, 1).TotalHits);

        var (full, notPartial, _) = WordQueryScorer.Search(Searcher, _similarity, Shape("segurança"), null, 10, null, null, new WordQueryScorer.Deadline(clock, 1000));
        Assert.False(notPartial);
        Assert.Equal(Searcher.Search(_parser.Parse("segurança")!, 1).TotalHits, full.TotalHits);
    }

    [Fact]
    public void Pruning_KeepsTheExactTopHits_AndCountsALowerBound()
    {
        var random = new Random(13);
        var texts = Queries().Cast<object[]>().Select(q => (string)q[0]).Concat(Enumerable.Range(0, 150)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(2, 7)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]))));
        var filters = new Filter?[] { null, new QueryWrapperFilter(new TermQuery(new Term(IndexFields.Source, "Agência"))) };
        int pruned = 0, undercounted = 0;
        foreach (var text in texts)
        {
            var shape = Shape(text);
            foreach (var filter in filters)
            {
                foreach (var (wanted, readBoundsFrom) in new[] { (1, 1), (3, 1), (10, 1), (3, int.MaxValue) })
                {
                    var (full, _, fullExact) = WordQueryScorer.Search(Searcher, _similarity, shape, filter, wanted, null, null);
                    var seen = new DocumentSet();
                    // Bounds read from every word's postings, or (int.MaxValue) from its terms' statistics alone.
                    var (top, partial, exact) = WordQueryScorer.Search(Searcher, _similarity, shape, filter, wanted, null, seen, exactHits: 1,
                        readBoundsFrom: readBoundsFrom);
                    Assert.True(fullExact);
                    Assert.False(partial);
                    // The same hits with bit-identical scores, in the same order.
                    Assert.Equal(full.ScoreDocs.Select(h => (h.Doc, h.Score)), top.ScoreDocs.Select(h => (h.Doc, h.Score)));
                    Assert.True(top.TotalHits <= full.TotalHits);
                    Assert.True(!exact || top.TotalHits == full.TotalHits, $"'{text}': exact count {top.TotalHits}, all matches {full.TotalHits}");
                    // The collector sees exactly what was counted, each a real match.
                    Assert.Equal(top.TotalHits, seen.Documents.Count);
                    pruned += exact ? 0 : 1;
                    undercounted += top.TotalHits < full.TotalHits ? 1 : 0;
                }
            }
        }

        // Common words were skipped in a good share of these searches.
        Assert.True(pruned > 100, $"pruned {pruned}");
        Assert.True(undercounted > 50, $"undercounted {undercounted}");
    }

    [Fact]
    public void Pruning_CountsEveryMatchUpToTheExactThreshold()
    {
        var shape = Shape("segurança de defesa europeia o que");
        var (full, _, _) = WordQueryScorer.Search(Searcher, _similarity, shape, null, 3, null, null);
        foreach (var threshold in new[] { 1, full.TotalHits / 3, full.TotalHits / 2, full.TotalHits + 1 })
        {
            var (counted, _, exact) = WordQueryScorer.Search(Searcher, _similarity, shape, null, 3, null, null, exactHits: threshold);
            // Either every match was counted or at least the threshold was, then a lower bound.
            Assert.True(exact ? counted.TotalHits == full.TotalHits : counted.TotalHits >= threshold && counted.TotalHits <= full.TotalHits,
                $"threshold {threshold}: counted {counted.TotalHits} (exact {exact}) of {full.TotalHits}");
            Assert.Equal(full.ScoreDocs.Select(h => (h.Doc, h.Score)), counted.ScoreDocs.Select(h => (h.Doc, h.Score)));
        }

        Assert.False(WordQueryScorer.Search(Searcher, _similarity, shape, null, 3, null, null, exactHits: 1).CountExact);
        Assert.True(WordQueryScorer.Search(Searcher, _similarity, shape, null, 3, null, null, exactHits: full.TotalHits + 1).CountExact);
    }

    [Fact]
    public void PagesWithPruning_ReturnTheSameWalkAsAnExhaustiveSearch()
    {
        var shape = Shape("segurança de defesa europeia");
        var (all, _, _) = WordQueryScorer.Search(Searcher, _similarity, shape, null, int.MaxValue / 2, null, null);
        var paged = new List<(int, float)>();
        ScoreDoc? after = null;
        while (true)
        {
            var (page, _, _) = WordQueryScorer.Search(Searcher, _similarity, shape, null, 7, after, null, exactHits: 1, readBoundsFrom: 1);
            if (page.ScoreDocs.Length == 0)
            {
                break;
            }

            paged.AddRange(page.ScoreDocs.Select(h => (h.Doc, h.Score)));
            after = page.ScoreDocs[^1];
        }

        Assert.True(all.TotalHits > 20);
        Assert.Equal(all.ScoreDocs.Select(h => (h.Doc, h.Score)), paged);
    }

    [Theory]
    [InlineData("\"embaixadas chinesas\"")]
    [InlineData("embaix*")]
    [InlineData("embaixadas + segurança")]
    [InlineData("embaixadas -segurança")]
    public void OtherQueryShapes_AreLeftToLucene(string text)
    {
        var query = _parser.Parse(text, IsKnownTerm)!;
        Assert.Null(WordQuery.TryCreate(Searcher.Rewrite(query)));
    }

    private (TopDocs Ours, TopDocs Lucene) AssertSameAsLucene(string text, Filter? filter)
    {
        var query = _parser.Parse(text, IsKnownTerm);
        Assert.NotNull(query);
        var searcher = Searcher;
        var shape = WordQuery.TryCreate(searcher.Rewrite(query));
        Assert.True(shape is not null, $"'{text}' should have the word shape");

        var lucene = searcher.Search(query, filter, int.MaxValue / 2);
        var (ours, partial, _) = WordQueryScorer.Search(searcher, _similarity, shape, filter, int.MaxValue / 2, null, null);
        Assert.False(partial);
        Assert.Equal(lucene.TotalHits, ours.TotalHits);
        var expected = lucene.ScoreDocs.ToDictionary(h => h.Doc, h => h.Score);
        Assert.Equal(expected.Keys.Order(), ours.ScoreDocs.Select(h => h.Doc).Order());
        foreach (var hit in ours.ScoreDocs)
        {
            Assert.True(Math.Abs(expected[hit.Doc] - hit.Score) <= 1e-5f * Math.Max(1f, expected[hit.Doc]),
                $"'{text}': document {hit.Doc} scored {hit.Score}, Lucene {expected[hit.Doc]}");
        }

        // Rank order: higher score first, then lower document, as Lucene breaks ties.
        for (var i = 1; i < ours.ScoreDocs.Length; i++)
        {
            var (previous, current) = (ours.ScoreDocs[i - 1], ours.ScoreDocs[i]);
            Assert.True(previous.Score > current.Score || (previous.Score == current.Score && previous.Doc < current.Doc));
        }

        var (top3, _, _) = WordQueryScorer.Search(searcher, _similarity, shape, filter, 3, null, null);
        Assert.Equal(ours.ScoreDocs.Take(3).Select(h => h.Doc), top3.ScoreDocs.Select(h => h.Doc));
        return (ours, lucene);
    }

    private WordQuery Shape(string text) =>
        WordQuery.TryCreate(Searcher.Rewrite(_parser.Parse(text, IsKnownTerm)!)) ?? throw new InvalidOperationException(text);

    private bool IsKnownTerm(string term) =>
        _reader!.DocFreq(new Term(IndexFields.BodyExact, term)) + _reader.DocFreq(new Term(IndexFields.TitleExact, term)) > 0;

    private static string Sentence(Random random, int min, int max) =>
        string.Join(' ', Enumerable.Range(0, random.Next(min, max)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));

    // Real Portuguese words from the test articles, accents and hyphens included, plus synonyms.
    private static string[] BuildVocabulary() =>
        [.. TestArticles.Words.Where(w => w.Length > 1).Take(400), "OTAN", "NATO", "nato", "terça-feira", "ciberespaço"];

    private sealed class DocumentSet : ICollector
    {
        private int _docBase;

        public List<int> Documents { get; } = [];

        public bool AcceptsDocsOutOfOrder => true;

        public void Collect(int doc) => Documents.Add(_docBase + doc);

        public void SetNextReader(AtomicReaderContext context) => _docBase = context.DocBase;

        public void SetScorer(Scorer scorer)
        {
        }
    }
}
