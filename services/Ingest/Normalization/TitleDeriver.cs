using System.Text.RegularExpressions;

namespace SeedSearch.Ingest.Normalization;

/// <summary>Derives a title from the first sentence of a body, cut at a word boundary.</summary>
public static partial class TitleDeriver
{
    /// <summary>Returns the first sentence (or line) of <paramref name="body"/>, at most <paramref name="maxLength"/> characters.</summary>
    public static string Derive(string body, int maxLength)
    {
        var firstLine = body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        var end = SentenceEnd().Match(firstLine);
        var sentence = end.Success ? firstLine[..(end.Index + end.Length)] : firstLine;
        if (sentence.Length <= maxLength)
        {
            return sentence;
        }

        // Leave room for the ellipsis and cut at the last space that fits.
        var cut = sentence.LastIndexOf(' ', maxLength - 1);
        var head = (cut > maxLength / 2 ? sentence[..cut] : sentence[..(maxLength - 1)]).TrimEnd(' ', ',', ';', ':', '-', '(');
        return head + "…";
    }

    // A full stop, '!' or '?' (with the quote or parenthesis it closes) followed by space and an
    // upper-case letter or a quote, not after a common abbreviation ("Sr.", "Dra.") or a single
    // letter ("J. Silva"). Quotes are already plain here: the body has been cleaned.
    [GeneratedRegex(@"(?<!\b(?:Sr|Sra|Dr|Dra|Prof|Profa|Exmo|Exma|Av|art|Art|nº|n|p|pág|ed|Ltda|etc|[A-Z]))[.!?][""')]*(?=\s+[""'(\p{Lu}])", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();
}
