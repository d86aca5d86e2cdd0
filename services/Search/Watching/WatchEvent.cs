using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.Watching;

/// <summary>What a standing query's stream carries: a matching article, or how many were dropped.</summary>
public sealed class WatchEvent
{
    // Made when the stream sends the event, on its own thread: the matching loop stays cheap, and
    // a match dropped for a slow reader never pays for one.
    private readonly Lazy<string>? _snippet;

    /// <summary>A match, with how to make its snippet.</summary>
    public WatchEvent(IndexedArticle article, Func<string> snippet)
    {
        Article = article;
        _snippet = new Lazy<string>(snippet, LazyThreadSafetyMode.PublicationOnly);
    }

    private WatchEvent(long missed) => Missed = missed;

    /// <summary>The article that became searchable and matches, or null for a gap.</summary>
    public IndexedArticle? Article { get; }

    /// <summary>The article's body with the query's words highlighted (empty for a gap).</summary>
    public string Snippet => _snippet?.Value ?? string.Empty;

    /// <summary>For a gap: matches dropped because the reader fell behind.</summary>
    public long Missed { get; }

    /// <summary>A gap notice.</summary>
    public static WatchEvent Gap(long missed) => new(missed);
}
