using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Duplicates;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Maps articles to Lucene documents and back. With a one-pass analyzer the text fields carry
/// their tokens, analysed once per text and replayed through token streams this thread keeps;
/// without one (the Brazilian and Portuguese variants) they carry the text and the writer's
/// per-field analyzer runs each chain. Either way the index is the same.
/// </summary>
internal sealed class ArticleDocuments(ArticleTextAnalyzer? onePass)
{
    // Each thread's token streams, reused document after document: a document is built and
    // written in one call (Add, Upsert), so a stream is never in two documents at once.
    [ThreadStatic]
    private static FieldStreams? t_streams;

    private static readonly FieldType SuggestFieldType = new()
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_ONLY,
    };

    /// <summary>Documents for <paramref name="analyzers"/>' configured chains.</summary>
    public ArticleDocuments(PortugueseAnalyzerFactory analyzers) : this(analyzers.CreateOnePass())
    {
    }

    /// <summary>Adds <paramref name="article"/>'s document to <paramref name="writer"/>.</summary>
    public void Add(IndexWriter writer, IndexedArticle article) => writer.AddDocument(ToDocument(article, null));

    /// <summary>Adds <paramref name="article"/>'s document, replacing any with its id; <paramref name="copies"/> places it among its near-duplicates.</summary>
    public void Upsert(IndexWriter writer, IndexedArticle article, DuplicateInfo? copies = null) =>
        writer.UpdateDocument(new Term(IndexFields.Id, article.Id), ToDocument(article, copies));

    private Document ToDocument(IndexedArticle article, DuplicateInfo? copies)
    {
        var doc = new Document { new StringField(IndexFields.Id, article.Id, Field.Store.YES) };
        if (onePass is null)
        {
            doc.Add(new TextField(IndexFields.Title, article.Title, Field.Store.YES));
            doc.Add(new TextField(IndexFields.TitleExact, article.Title, Field.Store.NO));
            doc.Add(new TextField(IndexFields.Body, article.Body, Field.Store.YES));
            doc.Add(new TextField(IndexFields.BodyExact, article.Body, Field.Store.NO));
            doc.Add(new TextField(IndexFields.TitleRoot, article.Title, Field.Store.NO));
            doc.Add(new TextField(IndexFields.BodyRoot, article.Body, Field.Store.NO));
            // Completion keys: every word as "folded\u0001surface".
            doc.Add(new Field(IndexFields.Suggest, $"{article.Title}\n{article.Body}", SuggestFieldType));
        }
        else
        {
            var title = onePass.Analyze(article.Title);
            var body = onePass.Analyze(article.Body);
            var streams = t_streams ??= new FieldStreams();
            doc.Add(new StoredField(IndexFields.Title, article.Title));
            doc.Add(new TextField(IndexFields.Title, title.Replay(streams.TitleStemmed, AnalyzedText.TokenForm.Stemmed)));
            doc.Add(new TextField(IndexFields.TitleExact, title.Replay(streams.TitleExact, AnalyzedText.TokenForm.Exact)));
            doc.Add(new StoredField(IndexFields.Body, article.Body));
            doc.Add(new TextField(IndexFields.Body, body.Replay(streams.BodyStemmed, AnalyzedText.TokenForm.Stemmed)));
            doc.Add(new TextField(IndexFields.BodyExact, body.Replay(streams.BodyExact, AnalyzedText.TokenForm.Exact)));
            doc.Add(new TextField(IndexFields.TitleRoot, title.Replay(streams.TitleRoot, AnalyzedText.TokenForm.Root)));
            doc.Add(new TextField(IndexFields.BodyRoot, body.Replay(streams.BodyRoot, AnalyzedText.TokenForm.Root)));
            doc.Add(new Field(IndexFields.Suggest, AnalyzedText.Completions(streams.Completions, title, body), SuggestFieldType));
        }

        doc.Add(new StoredField(IndexFields.ContentHash, article.ContentHash));
        if (article.Url.Length > 0)
        {
            doc.Add(new StoredField(IndexFields.Url, article.Url));
        }

        if (article.Source.Length > 0)
        {
            doc.Add(new StringField(IndexFields.Source, article.Source, Field.Store.YES));
            doc.Add(new SortedDocValuesField(IndexFields.Source, new BytesRef(article.Source)));
        }

        if (article.PublishedAt is { } published)
        {
            doc.Add(new Int64Field(IndexFields.PublishedAt, published.ToUnixTimeMilliseconds(), Field.Store.YES));
        }

        var millis = article.PublishedAt?.ToUnixTimeMilliseconds();
        doc.Add(new NumericDocValuesField(IndexFields.PublishedAt, millis ?? long.MinValue));
        doc.Add(new NumericDocValuesField(IndexFields.PublishedAtAscending, millis ?? long.MaxValue));

        foreach (var tag in article.Tags)
        {
            doc.Add(new StringField(IndexFields.Tags, tag, Field.Store.YES));
            doc.Add(new SortedSetDocValuesField(IndexFields.Tags, new BytesRef(tag)));
        }

        if (copies is not null)
        {
            ClusterAssigner.AddFields(doc, copies);
        }

        // The whole title as one completion key, like each word in the completion field.
        if (article.Title.Length > 0)
        {
            doc.Add(new StringField(IndexFields.TitleKey, SuggestKeys.Key(article.Title), Field.Store.NO));
        }

        return doc;
    }

    public static IndexedArticle FromDocument(Document doc)
    {
        var published = doc.GetField(IndexFields.PublishedAt)?.GetInt64Value();
        return new IndexedArticle(
            doc.Get(IndexFields.Id) ?? string.Empty,
            doc.Get(IndexFields.Title) ?? string.Empty,
            doc.Get(IndexFields.Body) ?? string.Empty,
            doc.Get(IndexFields.Url) ?? string.Empty,
            doc.Get(IndexFields.Source) ?? string.Empty,
            published is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
            doc.GetValues(IndexFields.Tags) ?? [],
            doc.Get(IndexFields.ContentHash) ?? string.Empty);
    }

    private sealed class FieldStreams
    {
        public AnalyzedText.FieldTokens TitleStemmed { get; } = new();
        public AnalyzedText.FieldTokens TitleExact { get; } = new();
        public AnalyzedText.FieldTokens TitleRoot { get; } = new();
        public AnalyzedText.FieldTokens BodyStemmed { get; } = new();
        public AnalyzedText.FieldTokens BodyExact { get; } = new();
        public AnalyzedText.FieldTokens BodyRoot { get; } = new();
        public AnalyzedText.KeyTokens Completions { get; } = new();
    }
}
