using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Index.Memory;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Watching;

/// <summary>
/// Decides whether one article matches standing queries without an index: the article's text
/// fields are analysed once into a Lucene <see cref="MemoryIndex"/> (the same chains and fields
/// as the on-disk index) and every query runs against that one-document index.
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

        return new Matchable(memory);
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

    /// <summary>One analysed article.</summary>
    public sealed class Matchable
    {
        // One searcher for all the queries run on the article.
        private readonly IndexSearcher _searcher;

        internal Matchable(MemoryIndex memory)
        {
            _searcher = memory.CreateSearcher();
            Reader = (AtomicReader)_searcher.IndexReader;
        }

        /// <summary>The one-document index, for reading the article's terms.</summary>
        internal AtomicReader Reader { get; }

        /// <summary>Whether <paramref name="query"/> matches the article.</summary>
        public bool Matches(Query query)
        {
            var hits = new TotalHitCountCollector();
            _searcher.Search(query, hits);
            return hits.TotalHits > 0;
        }
    }
}
