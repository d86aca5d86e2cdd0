namespace SeedSearch.Text;

/// <summary>How an article body is written, from its <see cref="ContentTypes">content type</see>.</summary>
public enum BodyFormat
{
    /// <summary>Plain text (<c>text/plain</c> or no content type).</summary>
    PlainText,

    /// <summary>HTML (<c>text/html</c>).</summary>
    Html,

    /// <summary>Markdown (<c>text/markdown</c>).</summary>
    Markdown,
}
