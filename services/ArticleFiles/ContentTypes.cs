namespace SeedSearch.ArticleFiles;

/// <summary>The body formats the ingest contract accepts.</summary>
public static class ContentTypes
{
    /// <summary>Plain text, the ingest default.</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML, which ingest turns into text.</summary>
    public const string Html = "text/html";
}
