using System.Globalization;

namespace SeedSearch.Importer;

/// <summary>The one-line progress text shared by the progress bar and the plain progress lines.</summary>
public static class ProgressText
{
    /// <summary>Such as <c>12,345 articles · 1,234 articles/s · 12.3 MB</c>.</summary>
    public static string Format(long articles, long bytes, TimeSpan elapsed)
    {
        var rate = elapsed > TimeSpan.Zero ? articles / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{articles:N0} articles · {rate:N0} articles/s · {bytes / 1_000_000.0:N1} MB");
    }
}
