namespace SeedSearch.Text.Tests;

public class ArticleIdsTests
{
    [Theory]
    [InlineData("abc-123_x:y.z", true)]
    [InlineData("5a6a34a73b7e5818", true)]
    [InlineData("-leading", false)]
    [InlineData(".leading", false)]
    [InlineData("com espaço", false)]
    [InlineData("ação", false)]
    [InlineData("a/b", false)]
    [InlineData("a\u0000b", false)]
    [InlineData("a\uFFFE", false)]
    [InlineData("", false)]
    public void IsValid_AcceptsOnlyTheDocumentedAlphabet(string id, bool valid)
    {
        Assert.Equal(valid, ArticleIds.IsValid(id));
        Assert.Equal(valid, ArticleIds.Problem(id) is null);
    }

    [Fact]
    public void Problem_LengthLimit_AcceptsMaxLengthRejectsOneMore()
    {
        Assert.Null(ArticleIds.Problem(new string('a', ArticleIds.MaxLength)));
        Assert.Contains("at most 128", ArticleIds.Problem(new string('a', ArticleIds.MaxLength + 1)));
    }

    [Fact]
    public void Problem_EmptyOrNull_IsRequired()
    {
        Assert.Equal("is required", ArticleIds.Problem(""));
        Assert.Equal("is required", ArticleIds.Problem(null));
        Assert.False(ArticleIds.IsValid(null));
    }
}
