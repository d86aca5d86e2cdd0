using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SeedSearch.Relevance;

/// <summary>
/// Rewrites of a query that users produce for real: typed without accents, or with a slip of
/// the finger. Deterministic, so runs compare across builds and machines.
/// </summary>
internal static partial class QueryVariants
{
    public static readonly IReadOnlyList<string> Names = ["plain", "noaccent", "typo"];

    public static string Apply(string variant, string qid, string query) => variant switch
    {
        "plain" => query,
        "noaccent" => RemoveDiacritics(query),
        "typo" => AddTypo(qid, query),
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown query variant"),
    };

    /// <summary>Drops combining marks after canonical decomposition: "ação" becomes "acao".</summary>
    public static string RemoveDiacritics(string text)
    {
        var kept = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Swaps two adjacent interior letters of the longest word (the first on ties), keeping its
    /// first and last letter; the pair is picked from a hash of the qid. Words under 4 letters,
    /// and words whose interior pairs are all the same letter, are left as they are.
    /// </summary>
    public static string AddTypo(string qid, string query)
    {
        var word = Words().Matches(query).MaxBy(m => m.Length);
        if (word is null || word.Length < 4)
        {
            return query;
        }

        var chars = query.ToCharArray();
        var pairs = word.Length - 3;
        var start = (int)(StableHash(qid) % (uint)pairs);
        for (var k = 0; k < pairs; k++)
        {
            var i = word.Index + 1 + ((start + k) % pairs);
            // Swapping "ss" or "Ss" would change nothing after lower-casing: try the next pair.
            if (char.ToLowerInvariant(chars[i]) != char.ToLowerInvariant(chars[i + 1]))
            {
                (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
                return new string(chars);
            }
        }

        return query;
    }

    // FNV-1a over UTF-8: string.GetHashCode is randomised per process.
    private static uint StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Words();
}
