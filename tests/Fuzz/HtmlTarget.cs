using System.Text;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.ServiceDefaults.Errors;
using SeedSearch.Text;

namespace SeedSearch.Fuzz;

/// <summary>
/// The article normaliser that every raw article goes through (ingest RPCs and the seed import),
/// fed the input as an HTML body (title derived from the markup) and as a plain-text body (first
/// line as the title). Checks: only field errors under <c>article.</c> are refused; title and
/// body are NFC, the body is not empty; normalising the result again changes nothing, hash included.
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

        var again = _normalizer.Normalize(new RawArticleInput(article.Id, article.Title, article.Body, "", "", "", [],
            ContentTypes.PlainText));
        InvariantViolation.Check(again.Body == article.Body, "normalising the body again changed it");
        InvariantViolation.Check(again.Title == article.Title, "normalising the title again changed it");
        InvariantViolation.Check(again.ContentHash == article.ContentHash, "normalising again changed the content hash");
    }
}
