using SeedSearch.Ingest.Normalization;
using SeedSearch.Ingest.Options;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class ArticleNormalizerTests
{
    private static readonly ArticleNormalizer Normalizer = new(Microsoft.Extensions.Options.Options.Create(new NormalizationOptions { MaxBodyLength = 10_000, MaxTags = 3 }));

    private static RawArticleInput Raw(string body, string id = "", string title = "", string url = "", string publishedAt = "",
        string contentType = "", IReadOnlyList<string>? tags = null) =>
        new(id, title, body, url, "Fonte", publishedAt, tags ?? [], contentType);

    [Fact]
    public void Normalize_PlainTextWithoutIdOrTitle_DerivesBothFromContent()
    {
        var article = Normalizer.Normalize(Raw("A OTAN reagiu. O governo chinês negou."));

        Assert.Equal("A OTAN reagiu.", article.Title);
        Assert.Equal(ArticleIdentity.FromContent("A OTAN reagiu. O governo chinês negou."), article.Id);
    }

    [Fact]
    public void Normalize_SameTextTwice_GivesTheSameIdAndHash()
    {
        var first = Normalizer.Normalize(Raw("Texto  igual.\r\n"));
        var second = Normalizer.Normalize(Raw("Texto igual."));

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.ContentHash, second.ContentHash);
    }

    [Fact]
    public void Normalize_Url_DerivesTheIdFromTheCanonicalUrl()
    {
        var article = Normalizer.Normalize(Raw("corpo", url: "https://Example.com/a/?utm_source=x"));

        Assert.Equal("https://example.com/a", article.Url);
        Assert.Equal(ArticleIdentity.FromUrl(new Uri("https://example.com/a")), article.Id);
    }

    [Fact]
    public void Normalize_ClientId_IsKept() =>
        Assert.Equal("meu-id", Normalizer.Normalize(Raw("corpo", id: " meu-id ")).Id);

    [Fact]
    public void Normalize_Html_StripsMarkupAndUsesTheHeadingAsTitle()
    {
        var article = Normalizer.Normalize(Raw("<h1>Manchete</h1><p>Texto &eacute; bom.</p>", contentType: "text/html; charset=utf-8"));

        Assert.Equal("Manchete", article.Title);
        Assert.Equal("Manchete\n\nTexto é bom.", article.Body);
    }

    [Fact]
    public void Normalize_PortugueseDate_IsParsed() =>
        Assert.Equal(DateTimeOffset.Parse("2021-07-20T00:00:00-03:00"),
            Normalizer.Normalize(Raw("corpo", publishedAt: "20 de julho de 2021")).PublishedAt);

    [Fact]
    public void Normalize_EveryInvalidField_IsReportedAtOnce()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Normalizer.Normalize(
            Raw("", id: "não válido", url: "ftp://x", publishedAt: "ontem", contentType: "application/pdf", tags: ["a", "b", "c", "d"])));

        Assert.Equal(
            ["article.body", "article.content_type", "article.id", "article.published_at", "article.tags", "article.url"],
            ex.Errors.Select(e => e.Field).Order());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("<script>x()</script>")]
    public void Normalize_BodyWithoutText_IsRejected(string body)
    {
        var ex = Assert.Throws<RequestValidationException>(() => Normalizer.Normalize(Raw(body, contentType: body.StartsWith('<') ? "text/html" : "")));
        Assert.Equal("article.body", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Normalize_BodyOverTheLimit_IsRejectedWithTheLimit()
    {
        var ex = Assert.Throws<RequestValidationException>(() => Normalizer.Normalize(Raw(new string('a', 10_001))));
        Assert.Contains("10000", Assert.Single(ex.Errors).Description);
    }
}
