using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Turns Markdown (CommonMark with pipe tables) into plain text with Markdig: blocks become
/// paragraphs separated by blank lines, as <see cref="HtmlTextExtractor"/> makes them; headings,
/// lists, quotes, tables and emphasis keep their text; link text stays but URLs never do; images
/// leave only an alt text that reads as a caption.
/// </summary>
/// <remarks>
/// Text that Markdig refuses (it throws past its nesting limit) or that would cost it too much is
/// returned unchanged, so the body is then cleaned as plain text: the markup stays, nothing is lost
/// and nothing throws.
/// </remarks>
public static partial class MarkdownTextExtractor
{
    /// <summary>
    /// Budget for the sum, over blank-line-separated blocks, of markup openers (<c>[ * _ ` &lt; |</c>)
    /// times the block's length. Markdig rescans to the end of a block for each opener it cannot
    /// close, so a block of unclosed brackets is quadratic: 2,000,000 characters of <c>[a</c> took
    /// 2.7 to 36 s here depending on block size. Real articles stay far below: the largest of the
    /// 1,082 gov.br bodies scores 0.9 million, and at this budget parsing takes at most tens of ms.
    /// </summary>
    public const long MaxMarkupCost = 20_000_000;

    /// <summary>
    /// Longest run of container markers (<c>&gt;</c>, list bullets, indentation) that may start a
    /// line: 1,900 lines of growing <c>&gt;</c> nesting took Markdig 4 s before it gave up.
    /// </summary>
    public const int MaxContainerPrefix = 100;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    // Alt texts of one or two words are numbering and labels in real feeds ("1", "SITE (2)",
    // "imagem 2"); captions are longer.
    private const int MinCaptionWords = 3;

    /// <summary>The readable text of <paramref name="markdown"/> (see the type's remarks for refused input).</summary>
    public static string Extract(string markdown) => Extract(markdown, out _);

    /// <summary>
    /// The readable text of <paramref name="markdown"/> and, from the same parse, its
    /// <paramref name="title"/>: the text of the first level-1 heading, else empty.
    /// </summary>
    public static string Extract(string markdown, out string title)
    {
        if (Parse(markdown) is not { } document)
        {
            title = string.Empty;
            return markdown;
        }

        title = TitleOf(document);
        var builder = new StringBuilder(markdown.Length);
        AppendBlocks(document, builder);
        return builder.ToString();
    }

    /// <summary>The text of the first level-1 heading (<c># Title</c> or a <c>===</c> underline), else empty.</summary>
    public static string ExtractTitle(string markdown) => Parse(markdown) is { } document ? TitleOf(document) : string.Empty;

    private static string TitleOf(MarkdownDocument document)
    {
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        if (heading?.Inline is null)
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        AppendInlines(heading.Inline, builder);
        return builder.ToString();
    }

    /// <summary>
    /// True when plain text is obviously Markdown: it has an image or link whose target is a web
    /// address or a site path (<c>![alt](https://…)</c>, <c>[text](/pagina)</c>), or a line that
    /// defines a link reference to one (<c>[1]: https://…</c>). Prose never writes a bracket
    /// followed by a parenthesised address, so ordinary text is never rewritten; emphasis, lists
    /// and headings alone are not enough, since asterisks, dashes and numbered lines are ordinary
    /// plain text too.
    /// </summary>
    public static bool LooksLikeMarkdown(string text) => InlineLink().IsMatch(text) || ReferenceDefinition().IsMatch(text);

    private static MarkdownDocument? Parse(string markdown)
    {
        // CommonMark turns NUL into U+FFFD; plain-text cleaning removes it, so remove it here too.
        var text = markdown.Replace("\0", string.Empty, StringComparison.Ordinal);
        if (IsTooCostly(text))
        {
            return null;
        }

        try
        {
            return Markdown.Parse(text, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's nesting limit ("too deeply nested - depth limit exceeded").
            return null;
        }
    }

    // One linear pass that bounds Markdig's work; see MaxMarkupCost and MaxContainerPrefix.
    private static bool IsTooCostly(string text)
    {
        long cost = 0;
        long blockOpeners = 0;
        var blockStart = 0;
        var lineBlank = true;
        var prefix = 0;
        var inPrefix = true;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (c == '\n')
            {
                if (lineBlank || i == text.Length)
                {
                    cost += blockOpeners * (i - blockStart);
                    if (cost > MaxMarkupCost)
                    {
                        return true;
                    }

                    blockOpeners = 0;
                    blockStart = i;
                }

                lineBlank = true;
                prefix = 0;
                inPrefix = true;
                continue;
            }

            if (c is '[' or '*' or '_' or '`' or '<' or '|')
            {
                blockOpeners++;
            }

            if (!char.IsWhiteSpace(c))
            {
                lineBlank = false;
            }

            // A container prefix is made of '>', spaces and list bullets followed by a space; a
            // setext underline ("-----") is not one.
            if (inPrefix)
            {
                var next = i + 1 < text.Length ? text[i + 1] : '\n';
                if (c is '>' or ' ' or '\t' || (c is '-' or '+' or '*' && next is ' ' or '\t'))
                {
                    if (++prefix > MaxContainerPrefix)
                    {
                        return true;
                    }
                }
                else
                {
                    inPrefix = false;
                }
            }
        }

        return false;
    }

    private static void AppendBlocks(ContainerBlock container, StringBuilder builder)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case LinkReferenceDefinitionGroup or ThematicBreakBlock:
                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        builder.Append("\n\n");
                        // Ordered numbers stay: they may be content ("2021. Foi um ano…" is a list
                        // item to CommonMark) and a numbered step reads the same in plain text.
                        if (list.IsOrdered)
                        {
                            builder.Append(item.Order).Append(list.OrderedDelimiter).Append(' ');
                        }

                        builder.Append(BlockText(item)).Append("\n\n");
                    }

                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>())
                    {
                        builder.Append("\n\n");
                        builder.AppendJoin(' ', row.OfType<TableCell>().Select(BlockText)).Append("\n\n");
                    }

                    break;
                case ContainerBlock child:
                    AppendBlocks(child, builder);
                    break;
                case HtmlBlock html:
                    builder.Append("\n\n").Append(HtmlTextExtractor.Extract(html.Lines.ToString())).Append("\n\n");
                    break;
                case LeafBlock { Inline: { } inline }:
                    builder.Append("\n\n");
                    AppendInlines(inline, builder);
                    builder.Append("\n\n");
                    break;
                case LeafBlock leaf:
                    // Code blocks: their lines are text as written.
                    builder.Append("\n\n").Append(leaf.Lines.ToString()).Append("\n\n");
                    break;
            }
        }
    }

    // A list item's or table cell's text without the paragraph breaks around it, so that it
    // follows its number or shares the row with the other cells.
    private static string BlockText(ContainerBlock container)
    {
        var builder = new StringBuilder();
        AppendBlocks(container, builder);
        return builder.ToString().Trim('\n');
    }

    private static void AppendInlines(ContainerInline container, StringBuilder builder)
    {
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case LineBreakInline:
                    // Soft breaks stay line breaks as in the source, so a plain-text body taken for
                    // Markdown keeps its lines (the title is derived from the first one).
                    builder.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.AsSpan());
                    break;
                case HtmlInline html:
                    if (BreakTag().IsMatch(html.Tag))
                    {
                        builder.Append('\n');
                    }

                    break;
                case AutolinkInline autolink:
                    // The address is the text; only an e-mail address reads as text.
                    if (autolink.IsEmail)
                    {
                        builder.Append(autolink.Url);
                    }

                    break;
                case LinkInline { IsImage: true } image:
                    AppendAltText(image, builder);
                    break;
                case LinkInline link:
                    AppendLinkText(link, builder);
                    break;
                case DelimiterInline delimiter:
                    // An opener Markdig could not close ("[" without "]") is literal text.
                    builder.Append(delimiter.ToLiteral());
                    AppendInlines(delimiter, builder);
                    break;
                case ContainerInline child:
                    AppendInlines(child, builder);
                    break;
            }
        }
    }

    // Link text stays unless it is itself an address or a file name, which would leave the same
    // debris as the URL.
    private static void AppendLinkText(LinkInline link, StringBuilder builder)
    {
        var text = new StringBuilder();
        AppendInlines(link, text);
        if (!IsAddressOrFileName(text.ToString()))
        {
            builder.Append(text);
        }
    }

    // Feeds put the image's file name ("a38ebd06…_871x712.jpg", "WhatsApp Image … .jpeg") or a
    // number in the alt text far more often than a caption; only alt text that reads as a caption
    // ("Rosângela dos Santos", "Com as Cataratas do Iguaçu como cenário, …") stays, where the image was.
    private static void AppendAltText(LinkInline image, StringBuilder builder)
    {
        var text = new StringBuilder();
        AppendInlines(image, text);
        var alt = text.ToString().Trim();
        if (IsAddressOrFileName(alt) || Words().Count(alt) < MinCaptionWords)
        {
            return;
        }

        builder.Append(alt);
    }

    private static bool IsAddressOrFileName(string text)
    {
        var trimmed = text.Trim();
        return Address().IsMatch(trimmed) || FileName().IsMatch(trimmed);
    }

    // An image or link to an absolute web address, "www." or a site path, with its label on one line.
    [GeneratedRegex(@"!?\[[^\[\]\n]*\]\((?:<(?:https?://|www\.|/)[^<>\n]*>|(?:https?://|www\.|/(?![/\s)]))[^\s<>]*?)(?:[ \t]+""[^""\n]*"")?\)", RegexOptions.CultureInvariant)]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[[^\[\]\n]+\]:[ \t]*<?(?:https?://|www\.|/)\S*[ \t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceDefinition();

    // "https://…", "www.…", "gov.br/saude/…": an address, not a name ("gov.br" alone stays).
    [GeneratedRegex(@"^(?:(?:https?|ftp)://|www\.|[\w-]+(?:\.[\w-]+)+/)\S*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Address();

    [GeneratedRegex(@"\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|heic|pdf|docx?|xlsx?|pptx?|od[tsp]|csv|zip|rar|mp[34]|mov|avi)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    [GeneratedRegex(@"\b\p{L}[\p{L}\p{Mn}'-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Words();

    [GeneratedRegex(@"^<br\s*/?>$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BreakTag();
}
