namespace SeedSearch.Text;

/// <summary>The body formats the ingest contract accepts, by media type.</summary>
public static class ContentTypes
{
    /// <summary>Plain text, the default.</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML, turned into text.</summary>
    public const string Html = "text/html";

    /// <summary>Markdown (CommonMark), turned into text.</summary>
    public const string Markdown = "text/markdown";

    /// <summary>Every accepted media type, for messages and command-line choices.</summary>
    public static IReadOnlyList<string> All { get; } = [PlainText, Html, Markdown];

    /// <summary>
    /// Reads a content type as sent ("text/HTML; charset=utf-8" is HTML, empty is plain text).
    /// Returns false for any other media type.
    /// </summary>
    public static bool TryParse(string? contentType, out BodyFormat format)
    {
        var mediaType = (contentType ?? string.Empty).Split(';')[0].Trim();
        format = mediaType.ToLowerInvariant() switch
        {
            "" or PlainText => BodyFormat.PlainText,
            Html => BodyFormat.Html,
            Markdown or "text/x-markdown" => BodyFormat.Markdown,
            _ => (BodyFormat)(-1),
        };
        return Enum.IsDefined(format);
    }
}
