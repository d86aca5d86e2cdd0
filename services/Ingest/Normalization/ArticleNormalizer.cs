using Microsoft.Extensions.Options;
using SeedSearch.Ingest.Options;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.Text;

namespace SeedSearch.Ingest.Normalization;

/// <summary>
/// Validates and normalises a raw article: HTML and Markdown to text, text cleaning (mojibake, Unicode,
/// punctuation, whitespace), date parsing, the language check, title and id derivation and the
/// content hash. Every invalid field is reported at once as a
/// <see cref="RequestValidationException"/> with paths under <c>article.</c>.
/// </summary>
public sealed class ArticleNormalizer
{
    private readonly NormalizationOptions _options;
    private readonly PublishedDateParser _dates;
    private readonly LanguageIdentifier? _language;

    /// <summary>Creates the normaliser from its options.</summary>
    public ArticleNormalizer(IOptions<NormalizationOptions> options)
    {
        _options = options.Value;
        _dates = new PublishedDateParser(TimeZoneInfo.FindSystemTimeZoneById(_options.DefaultTimeZone));
        _language = _options.LanguageCheck == LanguageCheckMode.Off ? null : new LanguageIdentifier();
    }

    /// <summary>Normalises <paramref name="raw"/> or throws with every field violation.</summary>
    public NormalizedArticle Normalize(RawArticleInput raw)
    {
        var errors = new List<FieldError>();
        var warnings = new List<string>();
        if (!ContentTypes.TryParse(raw.ContentType, out var format))
        {
            errors.Add(new("article.content_type",
                $"must be one of {string.Join(", ", ContentTypes.All.Select(t => $"\"{t}\""))} (got \"{Truncate(raw.ContentType!)}\")"));
        }

        var body = string.Empty;
        var markdownTitle = string.Empty;
        var rawBody = raw.Body ?? string.Empty;
        var withinLimit = rawBody.Length <= _options.MaxBodyLength;
        // Scrapers send Markdown as plain text (image and link syntax, URLs and file names would
        // otherwise be indexed and shown in snippets), so obvious Markdown is read as Markdown.
        if (withinLimit && format == BodyFormat.PlainText && MarkdownTextExtractor.LooksLikeMarkdown(rawBody))
        {
            format = BodyFormat.Markdown;
        }

        if (!withinLimit)
        {
            errors.Add(new("article.body", $"must be at most {_options.MaxBodyLength} characters (got {rawBody.Length})"));
        }
        else
        {
            body = TextCleaner.CleanBody(format switch
            {
                BodyFormat.Html => HtmlTextExtractor.Extract(rawBody),
                // One parse gives the text and the heading a missing title is taken from.
                BodyFormat.Markdown => MarkdownTextExtractor.Extract(rawBody, out markdownTitle),
                _ => rawBody,
            });
            if (body.Length == 0)
            {
                errors.Add(new("article.body", rawBody.Length == 0 ? "is required" : "has no text after normalisation"));
            }
            else
            {
                CheckLanguage(body, errors, warnings);
            }
        }

        var title = TextCleaner.CleanLine(raw.Title ?? string.Empty);
        if (title.Length == 0 && withinLimit)
        {
            title = format switch
            {
                BodyFormat.Html => TextCleaner.CleanLine(HtmlTextExtractor.ExtractTitle(rawBody)),
                BodyFormat.Markdown => TextCleaner.CleanLine(markdownTitle),
                _ => title,
            };
        }

        if (title.Length > _options.MaxTitleLength)
        {
            errors.Add(new("article.title", $"must be at most {_options.MaxTitleLength} characters (got {title.Length})"));
        }

        var url = (raw.Url ?? string.Empty).Trim();
        Uri? uri = null;
        if (url.Length > _options.MaxUrlLength)
        {
            errors.Add(new("article.url", $"must be at most {_options.MaxUrlLength} characters (got {url.Length})"));
        }
        else if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            errors.Add(new("article.url", "must be an absolute http or https URL"));
        }

        DateTimeOffset? publishedAt = null;
        var publishedText = raw.PublishedAt ?? string.Empty;
        if (publishedText.Trim().Length > 0)
        {
            if (_dates.TryParse(publishedText, out var parsed))
            {
                publishedAt = parsed;
            }
            else
            {
                errors.Add(new("article.published_at",
                    $"\"{Truncate(publishedText)}\" is not a date: use ISO-8601 (2021-07-20) or Portuguese (20 de julho de 2021, 20/07/2021)"));
            }
        }

        var tags = CleanTags(raw.Tags ?? [], errors);

        var id = (raw.Id ?? string.Empty).Trim();
        if (id.Length > 0 && ArticleIds.Problem(id) is { } idProblem)
        {
            errors.Add(new("article.id", idProblem));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (title.Length == 0)
        {
            title = TitleDeriver.Derive(body, Math.Min(_options.DerivedTitleLength, _options.MaxTitleLength));
        }

        var canonicalUrl = uri is null ? string.Empty : ArticleIdentity.CanonicalUrl(uri);
        if (id.Length == 0)
        {
            id = uri is null ? ArticleIdentity.FromContent(body) : ArticleIdentity.FromUrl(uri);
        }

        var source = TextCleaner.CleanLine(raw.Source ?? string.Empty);
        var hash = ArticleIdentity.ContentHash(title, body, canonicalUrl, source, publishedAt, tags);
        return new NormalizedArticle(id, title, body, canonicalUrl, source, publishedAt, tags, hash) { Warnings = warnings };
    }

    private void CheckLanguage(string body, List<FieldError> errors, List<string> warnings)
    {
        if (_language is null || body.Length < Math.Min(_options.MinLanguageWarningLength, _options.MinLanguageCheckLength))
        {
            return;
        }

        // Short bodies are checked with stricter models and only ever flagged: too many foreign
        // ones pass to make a rejection meaningful, and a wrong rejection loses an article.
        var isShort = body.Length < _options.MinLanguageCheckLength;
        var language = isShort ? _language.DetectNonPortugueseInShortText(body) : _language.DetectNonPortuguese(body);
        if (language is null)
        {
            return;
        }

        var reason = $"is in {language}, not Portuguese";
        if (_options.LanguageCheck == LanguageCheckMode.Reject && !isShort)
        {
            errors.Add(new("article.body", reason));
        }
        else
        {
            warnings.Add($"article.body {reason}");
        }
    }

    // Cleans, drops empty and repeated tags, and reports each over-long tag by its position in the
    // request, so a client can find every offending tag from one answer.
    private List<string> CleanTags(IReadOnlyList<string> rawTags, List<FieldError> errors)
    {
        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rawTags.Count; i++)
        {
            var tag = TextCleaner.CleanLine(rawTags[i] ?? string.Empty);
            if (tag.Length > _options.MaxTagLength)
            {
                errors.Add(new($"article.tags[{i}]", $"must be at most {_options.MaxTagLength} characters (got {tag.Length})"));
            }

            if (tag.Length > 0 && seen.Add(tag))
            {
                tags.Add(tag);
            }
        }

        if (tags.Count > _options.MaxTags)
        {
            errors.Add(new("article.tags", $"must have at most {_options.MaxTags} tags (got {tags.Count})"));
        }

        return tags;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
