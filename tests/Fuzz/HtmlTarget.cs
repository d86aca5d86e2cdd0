using System.Text;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.Text;

namespace SeedSearch.Fuzz;

/// <summary>
/// The article normaliser that every raw article goes through (ingest RPCs and the seed import),
/// fed the input as an HTML body (title derived from the markup), as a plain-text body (first
/// line as the title), and split into every field of <c>IngestArticle</c> (<see cref="FuzzFields"/>:
/// body, title, id, url, source, published_at, tags, content_type). Checks: only field errors
/// under <c>article.</c> are refused; title and body are NFC, the body is not empty; normalising
/// the result again changes nothing, hash included.
/// </summary>
public sealed class HtmlTarget : IFuzzTarget
{
    // Flag, not Reject: the language check still runs on every body, and a foreign-language
    // input goes on to the later steps instead of stopping there.
    private readonly ArticleNormalizer _normalizer = new(Microsoft.Extensions.Options.Options.Create(
        new NormalizationOptions { LanguageCheck = LanguageCheckMode.Flag }));

    /// <inheritdoc />
    public void Run(string input)
    {
        Check(new RawArticleInput("", "", input, "", "", "", [], ContentTypes.Html));
        var firstLine = input.Split('\n', 2)[0];
        Check(new RawArticleInput("", firstLine, input, "", "", "", [], ContentTypes.PlainText));
        var fields = new FuzzFields(input);
        if (fields.IsStructured)
        {
            Check(new RawArticleInput(fields.Text(2), fields.Text(1), fields.Text(0), fields.Text(3), fields.Text(4), fields.Text(5),
                fields.List(6), fields.Text(7)));
        }
    }

    private void Check(RawArticleInput raw)
    {
        NormalizedArticle article;
        try
        {
            article = _normalizer.Normalize(raw);
        }
        catch (RequestValidationException ex)
        {
            InvariantViolation.Check(ex.Errors.All(e => e.Field.StartsWith("article.", StringComparison.Ordinal)),
                $"refused with a field outside article.: {ex.Message}");
            return;
        }

        InvariantViolation.Check(article.Body.Length > 0, "accepted with an empty body");
        InvariantViolation.Check(article.Body.IsNormalized(NormalizationForm.FormC), "body is not NFC");
        InvariantViolation.Check(article.Title.IsNormalized(NormalizationForm.FormC), "title is not NFC");

        var again = _normalizer.Normalize(new RawArticleInput(article.Id, article.Title, article.Body, article.Url, article.Source,
            article.PublishedAt?.ToString("O") ?? "", article.Tags, ContentTypes.PlainText));
        InvariantViolation.Check(again.Body == article.Body, "normalising the body again changed it");
        InvariantViolation.Check(again.Title == article.Title, "normalising the title again changed it");
        InvariantViolation.Check(again.ContentHash == article.ContentHash, "normalising again changed the content hash");
        InvariantViolation.Check(again.PublishedAt == article.PublishedAt, "normalising again changed the date");
        InvariantViolation.Check(ArticleIds.IsValid(article.Id), $"accepted with an id search refuses: {article.Id}");
    }
}
