using CsCheck;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Ingest.UnitTests.Normalization;

/// <summary>
/// Properties of normalisation over generated input in every field of an article (id, title,
/// body, url, source, published_at, tags, content type): any UTF-16 (lone surrogates,
/// noncharacters, control characters, markup, mojibake-like sequences, long strings) either
/// normalises or is refused with field errors, and normalising the result again changes nothing.
/// </summary>
public sealed class NormalizationPropertyTests
{
    // Printable text, Portuguese letters, markup, mojibake fragments and every other code unit.
    private static readonly Gen<char> Chars = Gen.Frequency(
        (8, Gen.Char["abcdefghijklmnopqrstuvwxyz ABCÇÃÉÍÓÚçãõáéíóúâêô.,;:!?-\n\t"]),
        (2, Gen.Char["<>/=\"'&;#"]),
        (1, Gen.Char["ÃƒÂ©Â£â€œ™"]),
        (1, Gen.Char[char.MinValue, char.MaxValue]));

    private static readonly Gen<string> Text = Gen.Frequency(
        (10, Gen.String[Chars, 0, 300]),
        (1, Gen.String[Chars, 2_000, 20_000]));

    // Each field is either arbitrary text or one of the values that field's parser cares about,
    // so generated articles get through validation often enough to reach the later steps.
    private static Gen<string> Field(params string[] meaningful) =>
        Gen.Frequency((1, Gen.String[Chars, 0, 60]), (1, Gen.OneOf(meaningful.Select(Gen.Const).ToArray())));

    private static readonly Gen<string> Ids = Field("", "", "abc-123_x:y.z", "com espaço", "-x", new string('a', 129), "ação");

    private static readonly Gen<string> Urls = Field("", "", "https://exemplo.pt/a?utm_source=x#f", "http://", "javascript:alert(1)", "ftp://x.pt/a");

    private static readonly Gen<string> Dates = Field("", "", "2021-07-20", "20 de julho de 2021", "terça-feira, 20 de julho de 2021 às 10h30",
        "20/07/2021", "20 jul 2021", "Publicado em 20.07.2021", "ontem", "2021-13-45", "20 de julho\uFFFE de 2021", "31/02/2021", "9999-12-31T23:59:59+14:00", "31/12/9999 23:59");

    private static readonly Gen<string> ContentTypes = Field("", "text/plain", "text/html", "text/html; charset=utf-8", "text/markdown",
        "TEXT/PLAIN", "application/pdf", "text/plain\uFFFE");

    private static readonly Gen<RawArticleInput> Articles =
        Gen.Select(Gen.Select(Ids, Text, Text, Urls), Gen.Select(Gen.String[Chars, 0, 40], Dates, Gen.String[Chars, 0, 120].Array[0, 55], ContentTypes))
            .Select((a, b) => new RawArticleInput(a.Item1, a.Item2, a.Item3, a.Item4, b.Item1, b.Item2, b.Item3, b.Item4));

    private readonly ArticleNormalizer _normalizer = new(Microsoft.Extensions.Options.Options.Create(
        new NormalizationOptions { LanguageCheck = LanguageCheckMode.Off }));

    [Fact]
    public void AnyInput_NormalisesOrIsRefusedWithFieldErrors() =>
        Articles.Sample(raw =>
        {
            try
            {
                var article = _normalizer.Normalize(raw);
                Assert.False(string.IsNullOrEmpty(article.Body));
                Assert.True(article.Body.IsNormalized(System.Text.NormalizationForm.FormC));
                Assert.True(SeedSearch.Text.ArticleIds.IsValid(article.Id), article.Id);
            }
            catch (RequestValidationException ex)
            {
                Assert.All(ex.Errors, e => Assert.StartsWith("article.", e.Field));
            }
        }, iter: 1000);

    [Fact]
    public void Normalising_TheResultAgain_ChangesNothing() =>
        Articles.Sample(raw =>
        {
            NormalizedArticle first;
            try
            {
                first = _normalizer.Normalize(raw);
            }
            catch (RequestValidationException)
            {
                return;
            }

            var again = _normalizer.Normalize(new RawArticleInput(first.Id, first.Title, first.Body, first.Url, first.Source,
                first.PublishedAt?.ToString("O") ?? "", first.Tags, "text/plain"));
            Assert.Equal(first.Title, again.Title);
            Assert.Equal(first.Body, again.Body);
            Assert.Equal(first.Source, again.Source);
            Assert.Equal(first.Tags, again.Tags);
            Assert.Equal(first.PublishedAt, again.PublishedAt);
            Assert.Equal(first.Id, again.Id);
            Assert.Equal(first.ContentHash, again.ContentHash);
        }, iter: 300);

    [Fact]
    public void CleanBody_IsIdempotentOnAnyText() =>
        Text.Sample(text => Assert.Equal(TextCleaner.CleanBody(text), TextCleaner.CleanBody(TextCleaner.CleanBody(text))), iter: 500);

    [Fact]
    public void HtmlExtraction_NeverThrows_AndLeavesNoTags() =>
        Text.Sample(html =>
        {
            var text = HtmlTextExtractor.Extract(html);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        }, iter: 300);
}
