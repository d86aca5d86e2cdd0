namespace SeedSearch.ArticleFiles;

/// <summary>How a file holds its articles; chosen by extension.</summary>
public enum ArticleFileFormat
{
    /// <summary>Not an article file.</summary>
    Unsupported,

    /// <summary><c>.txt</c>: the whole file is one plain-text body.</summary>
    PlainText,

    /// <summary><c>.md</c>: the whole file is one Markdown body; a first <c># heading</c> is its title.</summary>
    Markdown,

    /// <summary><c>.html</c>, <c>.htm</c>: the whole file is one HTML body.</summary>
    Html,

    /// <summary><c>.json</c>: one article object or an array of them.</summary>
    Json,

    /// <summary><c>.jsonl</c>, <c>.ndjson</c>: one article object per line.</summary>
    JsonLines,
}
