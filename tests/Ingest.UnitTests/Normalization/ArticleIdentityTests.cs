using SeedSearch.Ingest.Normalization;

namespace SeedSearch.Ingest.UnitTests.Normalization;

public class ArticleIdentityTests
{
    [Theory]
    [InlineData("https://Example.COM/noticia/", "https://example.com/noticia")]
    [InlineData("https://example.com/noticia?utm_source=x&b=2&a=1#topo", "https://example.com/noticia?a=1&b=2")]
    [InlineData("http://example.com:80/a?fbclid=123", "http://example.com/a")]
    [InlineData("https://example.com:8443/", "https://example.com:8443/")]
    public void CanonicalUrl_DropsNoiseAndSortsParameters(string url, string expected) =>
        Assert.Equal(expected, ArticleIdentity.CanonicalUrl(new Uri(url)));

    [Fact]
    public void FromUrl_SamePageWithTracking_GivesTheSameId() =>
        Assert.Equal(ArticleIdentity.FromUrl(new Uri("https://example.com/a")),
            ArticleIdentity.FromUrl(new Uri("https://EXAMPLE.com/a/?utm_campaign=z")));

    [Fact]
    public void FromContent_IsSixteenHexDigitsAndDependsOnText()
    {
        var id = ArticleIdentity.FromContent("texto");
        Assert.Matches("^[0-9a-f]{16}$", id);
        Assert.Equal(id, ArticleIdentity.FromContent("texto"));
        Assert.NotEqual(id, ArticleIdentity.FromContent("texto."));
    }

    [Fact]
    public void ContentHash_ChangesWithAnyStoredField()
    {
        var at = DateTimeOffset.Parse("2021-07-20T00:00:00-03:00");
        var baseline = ArticleIdentity.ContentHash("t", "b", "u", "s", at, ["x"]);

        Assert.Equal(baseline, ArticleIdentity.ContentHash("t", "b", "u", "s", at, ["x"]));
        Assert.NotEqual(baseline, ArticleIdentity.ContentHash("t2", "b", "u", "s", at, ["x"]));
        Assert.NotEqual(baseline, ArticleIdentity.ContentHash("t", "b", "u", "s", at.AddDays(1), ["x"]));
        Assert.NotEqual(baseline, ArticleIdentity.ContentHash("t", "b", "u", "s", at, ["x", "y"]));
    }
}
