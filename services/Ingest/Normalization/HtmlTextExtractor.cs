using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Turns HTML into plain text with AngleSharp (a spec-compliant HTML5 parser): scripts, styles,
/// navigation and figure captions are dropped, block elements become paragraph breaks and
/// entities are decoded.
/// </summary>
public static class HtmlTextExtractor
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "figcaption",
        "iframe", "svg", "form", "button", "select", "head",
    };

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "table", "tr", "figure", "dl", "dt", "dd", "address", "hr",
    };

    private static readonly HtmlParser Parser = new();

    /// <summary>Extracts the readable text of <paramref name="html"/>.</summary>
    public static string Extract(string html)
    {
        using var document = Parser.ParseDocument(html);
        var builder = new StringBuilder(html.Length / 2);
        Append(document.Body ?? (INode)document.DocumentElement, builder);
        return builder.ToString();
    }

    /// <summary>The document's first <c>&lt;h1&gt;</c>, else its <c>&lt;title&gt;</c>, else empty.</summary>
    public static string ExtractTitle(string html)
    {
        using var document = Parser.ParseDocument(html);
        var heading = document.QuerySelector("h1")?.TextContent;
        return string.IsNullOrWhiteSpace(heading) ? document.Title ?? string.Empty : heading;
    }

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(text.Data.Replace('\n', ' '));
                    break;
                case IElement element when Dropped.Contains(element.LocalName):
                    break;
                case IElement element when element.LocalName == "br":
                    // One <br> is a line break inside a paragraph (a byline, an address); two in a
                    // row leave a blank line, which the cleaner keeps as a paragraph break.
                    builder.Append('\n');
                    break;
                case IElement element when Blocks.Contains(element.LocalName):
                    builder.Append("\n\n");
                    Append(element, builder);
                    builder.Append("\n\n");
                    break;
                case IElement element when element.LocalName is "td" or "th":
                    Append(element, builder);
                    builder.Append(' ');
                    break;
                default:
                    Append(child, builder);
                    break;
            }
        }
    }
}
