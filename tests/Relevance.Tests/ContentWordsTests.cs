namespace SeedSearch.Relevance.Tests;

public class ContentWordsTests
{
    [Theory]
    [InlineData("dengue", 1)]
    [InlineData("o que causa a dengue?", 2)]
    [InlineData("O Que Foi", 0)]
    [InlineData("vacina para a gripe em 2021", 3)]
    [InlineData("covid-19: casos no Brasil", 4)]
    [InlineData("", 0)]
    [InlineData("?!", 0)]
    public void Count_Query_LettersAndDigitsThatAreNotStopWords(string query, int expected) =>
        Assert.Equal(expected, ContentWords.Count(query));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "1")]
    [InlineData(2, "2")]
    [InlineData(3, "3")]
    [InlineData(4, "4–5")]
    [InlineData(5, "4–5")]
    [InlineData(6, "6+")]
    [InlineData(40, "6+")]
    public void Bucket_Count_NamedBucket(int count, string expected)
    {
        Assert.Equal(expected, ContentWords.Bucket(count));
        Assert.Contains(expected, ContentWords.Buckets);
    }
}
