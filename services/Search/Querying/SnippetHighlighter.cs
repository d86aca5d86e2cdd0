using System.Buffers;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Search;
using Lucene.Net.Search.Highlight;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Picks the best fragment of a body for a query and wraps each matched term in
/// <c>&lt;em&gt;…&lt;/em&gt;</c>; everything else is HTML-escaped, so the snippet is safe to
/// insert as HTML.
/// </summary>
public sealed class SnippetHighlighter
{
    /// <summary>Opening mark of a highlighted term.</summary>
    public const string PreTag = "<em>";
    /// <summary>Closing mark of a highlighted term.</summary>
    public const string PostTag = "</em>";

    private readonly Analyzer _analyzer;
    private readonly int _length;

    /// <summary>Creates a highlighter that re-analyses text with the index's chains.</summary>
    public SnippetHighlighter(PortugueseAnalyzerFactory analyzers, int snippetLength)
    {
        _analyzer = analyzers.CreatePerField();
        _length = snippetLength;
    }

    /// <summary>
    /// Returns the highlighted best fragment of <paramref name="body"/>, or its escaped opening
    /// when no query term occurs in it (for example a title-only match).
    /// </summary>
    public string Highlight(Query query, string body)
    {
        // Stemmed matches first ("acusação" marks "acusações"), then exact-only ones (accent-less
        // plurals, prefixes). Bodies are long, so the exact pass runs only when needed.
        var best = Best(query, IndexFields.Body, body, scorer => new SimpleSpanFragmenter(scorer, _length))
            ?? Best(query, IndexFields.BodyExact, body, scorer => new SimpleSpanFragmenter(scorer, _length));
        return string.IsNullOrEmpty(best) ? Opening(body) : OneLine(best);
    }

    /// <summary>
    /// The whole title, HTML-escaped, with matched terms wrapped in <c>&lt;em&gt;</c>. Titles are
    /// short, so both chains run and the one marking more words wins.
    /// </summary>
    public string HighlightTitle(Query query, string title) =>
        MostMarked(field => Best(query, field, title, _ => new NullFragmenter()), IndexFields.Title, IndexFields.TitleExact)
        ?? MinimalHtmlEncoder.Escape(title);

    private static string? MostMarked(Func<string, string?> highlight, params string[] fields) =>
        fields.Select(highlight).Where(f => !string.IsNullOrEmpty(f)).MaxBy(f => Marks(f!));

    private static int Marks(string fragment)
    {
        var count = 0;
        for (var at = fragment.IndexOf(PreTag, StringComparison.Ordinal); at >= 0; at = fragment.IndexOf(PreTag, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private string? Best(Query query, string field, string text, Func<QueryScorer, IFragmenter> fragmenter)
    {
        // The fragmenter must share the highlighter's scorer: it reads the scorer's state.
        var scorer = new QueryScorer(query, field);
        var highlighter = new Highlighter(new SimpleHTMLFormatter(PreTag, PostTag), new MinimalHtmlEncoder(), scorer)
        {
            TextFragmenter = fragmenter(scorer),
        };
        try
        {
            return highlighter.GetBestFragment(_analyzer, field, text);
        }
        catch (InvalidTokenOffsetsException)
        {
            // Offsets past the text cannot happen with these chains; the caller falls back.
            return null;
        }
    }

    private string Opening(string body)
    {
        if (body.Length <= _length)
        {
            return OneLine(MinimalHtmlEncoder.Escape(body));
        }

        var cut = body.LastIndexOf(' ', _length);
        return OneLine(MinimalHtmlEncoder.Escape(body[..(cut > 0 ? cut : _length)])) + " …";
    }

    // Snippets are shown inline: paragraph breaks become spaces.
    private static string OneLine(string text) => text.Replace("\n\n", " ").Replace('\n', ' ').Trim();

    /// <summary>
    /// Escapes only the characters that matter to HTML. Lucene's SimpleHTMLEncoder also turns
    /// every non-ASCII letter into a numeric entity, which makes Portuguese snippets unreadable
    /// to JSON clients.
    /// </summary>
    private sealed class MinimalHtmlEncoder : IEncoder
    {
        private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

        public string EncodeText(string originalText) => Escape(originalText);

        public static string Escape(string text)
        {
            // The highlighter encodes every token and the text between tokens: most need nothing.
            var first = text.AsSpan().IndexOfAny(Special);
            if (first < 0)
            {
                return text;
            }

            var builder = new StringBuilder(text.Length + 16);
            builder.Append(text, 0, first);
            foreach (var c in text.AsSpan(first))
            {
                _ = c switch
                {
                    '&' => builder.Append("&amp;"),
                    '<' => builder.Append("&lt;"),
                    '>' => builder.Append("&gt;"),
                    '"' => builder.Append("&quot;"),
                    '\'' => builder.Append("&#39;"),
                    _ => builder.Append(c),
                };
            }

            return builder.ToString();
        }
    }
}
