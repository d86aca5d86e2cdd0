using Lucene.Net.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Index.Memory;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Watching;

/// <summary>
/// Decides which articles match standing queries without the on-disk index: the articles' text
/// fields are analysed once (the same chains and fields as the on-disk index) into a Lucene
/// <see cref="MemoryIndex"/> for one article, or into a small in-memory index for a batch, and
/// every query runs against that.
/// </summary>
public sealed class ArticleMatcher(PortugueseAnalyzerFactory analyzers)
{
    private readonly Analyzer _perField = analyzers.CreatePerField();

    /// <summary>Analyses <paramref name="article"/> once; the result answers any number of queries.</summary>
    public Matchable Prepare(IndexedArticle article)
    {
        var memory = new MemoryIndex();
        foreach (var (field, text) in Fields(article))
        {
            memory.AddField(field, text, _perField);
        }

        var searcher = memory.CreateSearcher();
        return new Matchable(searcher, (AtomicReader)searcher.IndexReader, release: null);
    }

    /// <summary>
    /// Analyses <paramref name="articles"/> into one in-memory index, document i being article i:
    /// a bulk import then runs each standing query once per batch instead of once per article.
    /// Run <see cref="Complete"/> forms of the queries on it.
    /// </summary>
    public Matchable Prepare(IReadOnlyList<IndexedArticle> articles)
    {
        var directory = new RAMDirectory();
        // One segment, in the order given: document numbers are the articles' positions.
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, _perField)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = 512,
            MaxBufferedDocs = Math.Max(2, articles.Count + 1),
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var article in articles)
            {
                var document = new Document();
                foreach (var (field, text) in Fields(article))
                {
                    document.Add(new TextField(field, text, Field.Store.NO));
                }

                writer.AddDocument(document);
            }
        }

        var reader = DirectoryReader.Open(directory);
        var atomic = SlowCompositeReaderWrapper.Wrap(reader);
        return new Matchable(new IndexSearcher(atomic), atomic, () =>
        {
            reader.Dispose();
            directory.Dispose();
        });
    }

    /// <summary>
    /// <paramref name="query"/> with every fuzzy term expanded in full. Run on one article, a fuzzy
    /// term's top-50 expansion sees that article's words only; run on a batch, the top 50 of all its
    /// articles' words would leave some article's own match out.
    /// </summary>
    public static Query Complete(Query query)
    {
        switch (query)
        {
            case FuzzyQuery fuzzy:
                var complete = (FuzzyQuery)fuzzy.Clone();
                complete.MultiTermRewriteMethod = MultiTermQuery.CONSTANT_SCORE_FILTER_REWRITE;
                return complete;
            case BooleanQuery boolean:
                var clauses = boolean.Clauses.Select(c => (c.Occur, Query: Complete(c.Query))).ToList();
                if (clauses.Select(c => c.Query).SequenceEqual(boolean.Clauses.Select(c => c.Query)))
                {
                    return boolean;
                }

                var rebuilt = new BooleanQuery(boolean.CoordDisabled) { MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch, Boost = boolean.Boost };
                foreach (var (occur, part) in clauses)
                {
                    rebuilt.Add(part, occur);
                }

                return rebuilt;
            case DisjunctionMaxQuery max:
                var disjuncts = max.Disjuncts.Select(Complete).ToList();
                return disjuncts.SequenceEqual(max.Disjuncts)
                    ? max
                    : new DisjunctionMaxQuery(disjuncts, max.TieBreakerMultiplier) { Boost = max.Boost };
            case ConstantScoreQuery { Query: { } inner } constant:
                var completeInner = Complete(inner);
                return ReferenceEquals(completeInner, inner) ? constant : new ConstantScoreQuery(completeInner) { Boost = constant.Boost };
            default:
                return query;
        }
    }

    private IEnumerable<(string Field, string Text)> Fields(IndexedArticle article)
    {
        yield return (IndexFields.Title, article.Title);
        yield return (IndexFields.Body, article.Body);
        if (analyzers.UsesExactFields)
        {
            yield return (IndexFields.TitleExact, article.Title);
            yield return (IndexFields.BodyExact, article.Body);
        }

        if (analyzers.UsesRootFields)
        {
            yield return (IndexFields.TitleRoot, article.Title);
            yield return (IndexFields.BodyRoot, article.Body);
        }
    }

    /// <summary>Analysed articles: one, or a batch numbered in the order given.</summary>
    public sealed class Matchable : IDisposable
    {
        // One searcher for all the queries run on the articles.
        private readonly IndexSearcher _searcher;
        private readonly Action? _release;

        internal Matchable(IndexSearcher searcher, AtomicReader reader, Action? release)
        {
            _searcher = searcher;
            Reader = reader;
            _release = release;
        }

        /// <summary>The analysed articles' index, for reading their terms.</summary>
        internal AtomicReader Reader { get; }

        /// <summary>Whether <paramref name="query"/> matches any of the articles.</summary>
        public bool Matches(Query query)
        {
            var hits = new TotalHitCountCollector();
            _searcher.Search(query, hits);
            return hits.TotalHits > 0;
        }

        /// <summary>The positions of the articles <paramref name="query"/> matches, in order.</summary>
        public IReadOnlyList<int> Match(Query query)
        {
            var collector = new InOrderCollector();
            _searcher.Search(query, collector);
            return collector.Documents;
        }

        /// <inheritdoc />
        public void Dispose() => _release?.Invoke();
    }

    // Document numbers as they come, in order (no scores).
    private sealed class InOrderCollector : ICollector
    {
        private int _base;

        public List<int> Documents { get; } = [];

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer)
        {
        }

        public void Collect(int doc) => Documents.Add(_base + doc);

        public void SetNextReader(AtomicReaderContext context) => _base = context.DocBase;
    }
}
