using Lucene.Net.Documents;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>Maps articles to Lucene documents and back.</summary>
internal static class ArticleDocuments
{
    private static readonly FieldType SuggestFieldType = new()
    {
        IsIndexed = true,
        IsTokenized = true,
        OmitNorms = true,
        IndexOptions = Lucene.Net.Index.IndexOptions.DOCS_ONLY,
    };

    public static Document ToDocument(IndexedArticle article)
    {
        var doc = new Document
        {
            new StringField(IndexFields.Id, article.Id, Field.Store.YES),
            new TextField(IndexFields.Title, article.Title, Field.Store.YES),
            new TextField(IndexFields.TitleExact, article.Title, Field.Store.NO),
            new TextField(IndexFields.Body, article.Body, Field.Store.YES),
            new TextField(IndexFields.BodyExact, article.Body, Field.Store.NO),
            new TextField(IndexFields.TitleRoot, article.Title, Field.Store.NO),
            new TextField(IndexFields.BodyRoot, article.Body, Field.Store.NO),
            new StoredField(IndexFields.ContentHash, article.ContentHash),
        };
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

        // Completion keys: every word as "folded\u0001surface", and the whole title the same way.
        doc.Add(new Field(IndexFields.Suggest, $"{article.Title}\n{article.Body}", SuggestFieldType));
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
}
