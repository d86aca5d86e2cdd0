using System.Security.Cryptography;
using System.Text;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Derives stable ids and content hashes. An article without an id gets one from its canonical
/// URL (so re-crawls of one page update one article), else from its normalised body (so
/// re-sending the same text is recognised).
/// </summary>
public static class ArticleIdentity
{
    private static readonly string[] TrackingParameters = ["fbclid", "gclid", "mc_cid", "mc_eid", "ref", "ocid"];

    /// <summary>Id derived from a canonical URL: 16 hex digits of its SHA-256.</summary>
    public static string FromUrl(Uri url) => Hex16(CanonicalUrl(url));

    /// <summary>Id derived from normalised body text: 16 hex digits of its SHA-256.</summary>
    public static string FromContent(string body) => Hex16(body);

    /// <summary>Hex SHA-256 of every stored field, to detect unchanged re-ingests.</summary>
    public static string ContentHash(string title, string body, string url, string source, DateTimeOffset? publishedAt, IEnumerable<string> tags)
    {
        var canonical = string.Join('\u001F', title, body, url, source,
            publishedAt?.ToUniversalTime().ToString("O") ?? string.Empty, string.Join('\u001E', tags));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// The URL as it identifies a page: lower-case scheme and host, no default port, no fragment,
    /// no tracking parameters (utm_*, fbclid…), remaining parameters sorted, no trailing slash.
    /// </summary>
    public static string CanonicalUrl(Uri url)
    {
        var query = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p.Split('=')[0]))
            .Order(StringComparer.Ordinal)
            .ToList();
        var path = url.AbsolutePath.Length > 1 ? url.AbsolutePath.TrimEnd('/') : url.AbsolutePath;
        var port = url.IsDefaultPort ? string.Empty : $":{url.Port}";
        var builder = new StringBuilder($"{url.Scheme.ToLowerInvariant()}://{url.IdnHost.ToLowerInvariant()}{port}{path}");
        if (query.Count > 0)
        {
            builder.Append('?').Append(string.Join('&', query));
        }

        return builder.ToString();
    }

    private static bool IsTracking(string name) =>
        name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase)
        || TrackingParameters.Contains(name, StringComparer.OrdinalIgnoreCase);

    private static string Hex16(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
