namespace SeedSearch.Text.Tests;

public class ContentTypesTests
{
    [Theory]
    [InlineData(null, BodyFormat.PlainText)]
    [InlineData("", BodyFormat.PlainText)]
    [InlineData("  ", BodyFormat.PlainText)]
    [InlineData("text/plain", BodyFormat.PlainText)]
    [InlineData("text/plain; charset=utf-8", BodyFormat.PlainText)]
    [InlineData("TEXT/HTML", BodyFormat.Html)]
    [InlineData(" text/html ;charset=iso-8859-1", BodyFormat.Html)]
    [InlineData("text/markdown", BodyFormat.Markdown)]
    [InlineData("text/markdown; variant=CommonMark", BodyFormat.Markdown)]
    [InlineData("text/x-markdown", BodyFormat.Markdown)]
    public void TryParse_AcceptedMediaTypes_GiveTheirFormat(string? contentType, BodyFormat expected)
    {
        Assert.True(ContentTypes.TryParse(contentType, out var format));
        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/htmlx")]
    [InlineData("text")]
    [InlineData("\uFFFE")]
    public void TryParse_OtherMediaTypes_AreRefused(string contentType) =>
        Assert.False(ContentTypes.TryParse(contentType, out _));

    [Fact]
    public void All_ListsEveryParsableType()
    {
        Assert.Equal([ContentTypes.PlainText, ContentTypes.Html, ContentTypes.Markdown], ContentTypes.All);
        Assert.All(ContentTypes.All, type => Assert.True(ContentTypes.TryParse(type, out _)));
    }
}
