using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

using SeedSearch.Text;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Cleans plain text: mojibake repaired, Unicode NFC, control and zero-width characters removed,
/// soft hyphens dropped, typographic quotes made plain, dashes made '-', spaces collapsed,
/// blank-line runs collapsed to one paragraph break. Idempotent: cleaning clean text changes
/// nothing.
/// </summary>
public static partial class TextCleaner
{
    /// <summary>Cleans multi-line text (a body); line breaks are kept.</summary>
    public static string CleanBody(string text) => UntilStable(text, static t =>
    {
        var chars = CleanCharacters(t);
        var lines = chars.Split('\n').Select(CollapseSpaces);
        var joined = string.Join('\n', lines);
        return BlankLines().Replace(joined, "\n\n").Trim();
    });

    /// <summary>Cleans single-line text (a title, source or tag): every line break becomes a space.</summary>
    public static string CleanLine(string text) => UntilStable(text, static t => CollapseSpaces(CleanCharacters(t).Replace('\n', ' ')));

    // Mapping and removing characters can bring two halves of a mojibake sequence together
    // ("Ã" + tab becomes "Ã ", itself the mojibake of "à"), which only the next pass would
    // repair. Cleaning is repeated until nothing changes (almost always one extra comparison),
    // so cleaning clean text never changes it.
    private static string UntilStable(string text, Func<string, string> clean)
    {
        var current = clean(text);
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var next = clean(current);
            if (next == current)
            {
                break;
            }

            current = next;
        }

        return current;
    }

    private const int MaxPasses = 4;

    private static string CleanCharacters(string text)
    {
        // Repair before anything maps away the characters mojibake is made of (“, NBSP, C1
        // controls), and compose again because a repaired sequence may be a combining accent.
        var composed = UnicodeText.Normalize(text.Replace("\r\n", "\n").Replace('\r', '\n'));
        // The repair decodes byte runs; where a run ends inside a surrogate pair the half left
        // over is replaced too.
        var normalized = UnicodeText.Normalize(MojibakeRepair.Repair(composed));
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            switch (c)
            {
                case '\n':
                    builder.Append('\n');
                    break;
                case '\t' or '\u00A0' or '\u2007' or '\u202F' or '\u3000' or '\u2028' or '\u2029':
                    builder.Append(c is '\u2028' or '\u2029' ? '\n' : ' ');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                    // Guillemets are the usual quotation marks of European Portuguese, so they
                    // become '"' like “ ”: the same quote from two outlets then reads (and
                    // hashes) the same.
                    builder.Append('"');
                    break;
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u2039' or '\u203A':
                    builder.Append('\'');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    // Hyphens, en/em dashes, the figure dash, the horizontal bar and minus all become
                    // '-': newsrooms use them interchangeably ("2020–2021", "— disse"), and the
                    // tokenizer splits on each alike, so only the hash would tell them apart.
                    builder.Append('-');
                    break;
                case '\u00AD':
                    // Soft hyphen: an invisible hint that splits words for search.
                    break;
                default:
                    var category = CharUnicodeInfo.GetUnicodeCategory(c);
                    if (category is UnicodeCategory.Control or UnicodeCategory.Format)
                    {
                        // Drops C0/C1 controls and zero-width/bidi marks (U+200B–U+200F, U+FEFF).
                        break;
                    }

                    if (category is UnicodeCategory.SpaceSeparator)
                    {
                        builder.Append(' ');
                        break;
                    }

                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string CollapseSpaces(string line) => Spaces().Replace(line, " ").Trim();

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankLines();
}
