using CsCheck;
using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Ingest.UnitTests.Normalization;

/// <summary>
/// Properties of normalisation over generated input in every field of an article (id, title,
/// body, url, source, published_at, tags, content type): any UTF-16 (lone surrogates,
/// noncharacters, control characters, HTML and Markdown markup, mojibake-like sequences, long
/// strings) either normalises or is refused with field errors, and normalising the result again
/// changes nothing.
/// </summary>
public sealed class NormalizationPropertyTests
{
    // Printable text, Portuguese letters, markup, mojibake fragments and every other code unit.
    private static readonly Gen<char> Chars = Gen.Frequency(
        (8, Gen.Char["abcdefghijklmnopqrstuvwxyz ABCÇÃÉÍÓÚçãõáéíóúâêô.,;:!?-\n\t"]),
        (2, Gen.Char["<>/=\"'&;#"]),
        (2, Gen.Char["[]()!*_`|\\:"]),
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

            // Link syntax that Markdown kept as text (escaped, in code, or not a valid link) reads
            // as Markdown the second time, so only text that no longer looks like it must be stable.
            if (MarkdownTextExtractor.LooksLikeMarkdown(first.Body))
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

    // Markdown soup: markup fragments among any characters, and runs of one opener thousands deep.
    private static readonly Gen<string> MarkdownSoup = Gen.Frequency(
        (6, Gen.Frequency(
                (4, Gen.OneOf(Gen.Const("!["), Gen.Const("]("), Gen.Const(")"), Gen.Const("["), Gen.Const("]"), Gen.Const("> "),
                    Gen.Const("- "), Gen.Const("1. "), Gen.Const("**"), Gen.Const("_"), Gen.Const("`"), Gen.Const("|"), Gen.Const("\n"),
                    Gen.Const("\n\n"), Gen.Const("    "), Gen.Const("<br>"), Gen.Const("&amp;"), Gen.Const("# "), Gen.Const("<a href=x>"))),
                (6, Gen.String[Chars, 1, 8]))
            .Array[0, 400].Select(parts => string.Concat(parts))),
        (1, Gen.Select(Gen.OneOf(Gen.Const(">"), Gen.Const("> "), Gen.Const("["), Gen.Const("!["), Gen.Const("- "), Gen.Const("  - a\n"),
                Gen.Const("*a "), Gen.Const("[a]("), Gen.Const("> - ")), Gen.Int[100, 20_000])
            .Select((unit, count) => string.Concat(Enumerable.Repeat(unit, count)))),
        (1, Text));

    // Well-formed Markdown made of words, images, links and block markup.
    private static readonly Gen<string> WellFormedMarkdown = Gen.OneOf(
            Gen.Const("palavra "), Gen.Const("saúde "), Gen.Const("![foto.jpg](https://x.gov.br/a.jpg)"),
            Gen.Const("![Legenda da foto oficial](https://x.gov.br/b.png)"), Gen.Const("[texto](https://x.gov.br/p)"),
            Gen.Const("[https://x.gov.br/p](https://x.gov.br/p)"), Gen.Const("<https://x.gov.br/q>"), Gen.Const("**"), Gen.Const("\n"),
            Gen.Const("\n\n"), Gen.Const("> "), Gen.Const("- "), Gen.Const("1. "), Gen.Const("# "))
        .Array[0, 200].Select(parts => string.Concat(parts));

    [Fact]
    public void MarkdownExtraction_AnyText_NeverThrows() =>
        MarkdownSoup.Sample(markdown => TextCleaner.CleanBody(MarkdownTextExtractor.Extract(markdown)), iter: 300);

    [Fact]
    public void MarkdownExtraction_WellFormedMarkdown_LeavesNoAddressesOrFileNames() =>
        WellFormedMarkdown.Sample(markdown =>
        {
            var text = MarkdownTextExtractor.Extract(markdown);
            Assert.DoesNotContain("gov.br", text, StringComparison.Ordinal);
            Assert.DoesNotContain(".jpg", text, StringComparison.Ordinal);
            Assert.DoesNotContain("](", text, StringComparison.Ordinal);
        }, iter: 500);

    [Fact]
    public void HtmlExtraction_NeverThrows_AndLeavesNoTags() =>
        Text.Sample(html =>
        {
            var text = HtmlTextExtractor.Extract(html);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
        }, iter: 300);
}
