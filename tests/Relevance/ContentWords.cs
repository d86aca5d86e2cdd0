using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis.Pt;

namespace SeedSearch.Relevance;

/// <summary>
/// How many words of a query carry content: its runs of letters (with their marks) and digits,
/// roughly the tokens of Lucene's StandardTokenizer, that are not in Lucene's Portuguese stop set
/// once lower-cased.
/// </summary>
internal static partial class ContentWords
{
    /// <summary>The buckets of the per-query comparison, shortest queries first.</summary>
    public static readonly IReadOnlyList<string> Buckets = ["0", "1", "2", "3", "4–5", "6+"];

    public static int Count(string query) =>
        Words().Matches(query).Count(m => !PortugueseAnalyzer.DefaultStopSet.Contains(m.Value.ToLowerInvariant()));

    /// <summary>The bucket of a query with <paramref name="count"/> content words.</summary>
    public static string Bucket(int count) => count switch
    {
        < 0 => throw new ArgumentOutOfRangeException(nameof(count), count, "a word count is 0 or more"),
        <= 3 => count.ToString(CultureInfo.InvariantCulture),
        <= 5 => "4–5",
        _ => "6+",
    };

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+")]
    private static partial Regex Words();
}
