using System.Net;
using System.Text.RegularExpressions;

namespace SeedSearch.Relevance;

/// <summary>
/// Finds markup debris in snippets: Markdown image or link syntax, web addresses and file paths,
/// which a body normalised from scraped Markdown must never show.
/// </summary>
internal static partial class SnippetDebris
{
    /// <summary>The snippet as a reader sees it: highlight tags removed, entities decoded.</summary>
    public static string ToText(string snippet) => WebUtility.HtmlDecode(snippet.Replace("<em>", "").Replace("</em>", ""));

    /// <summary>The first piece of debris in <paramref name="text"/>, or null when it is clean.</summary>
    public static string? Find(string text) => Debris().Match(text) is { Success: true } match ? match.Value : null;

    // "![", "](", "https://…", "www.…", "gov.br/…", "/pasta/…" and names like "foto_01.jpeg".
    [GeneratedRegex(@"!\[|\]\(|https?://|\bwww\.|\b(?:[\w-]+\.)+(?:br|com|org|net)/\S*|(?:^|[\s(])/[\w@.-]+/|[\w-]+\.(?:jpe?g|png|gif|webp|svg|pdf)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Debris();
}
