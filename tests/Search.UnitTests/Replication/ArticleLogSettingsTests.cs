using System.ComponentModel.DataAnnotations;
using SeedSearch.Search.Replication;
using SeedSearch.ServiceDefaults.ArticleLog;

namespace SeedSearch.Search.UnitTests.Replication;

public sealed class ArticleLogSettingsTests
{
    [Theory]
    [InlineData("seed-search-articles", "41", 41)]
    [InlineData("seed-search-articles", "0", 0)]
    [InlineData("other-stream", "41", -1)]        // an offset of another stream means nothing here
    [InlineData("seed-search-articles", "-3", -1)]
    [InlineData("seed-search-articles", "4x", -1)]
    [InlineData("seed-search-articles", "", -1)]
    [InlineData(null, "41", -1)]
    public void StoredOffset_ReadsOnlyAnOffsetOfThisStream(string? stream, string offset, long expected)
    {
        var data = new Dictionary<string, string> { [ArticleLogReplicator.OffsetKey] = offset };
        if (stream is not null)
        {
            data[ArticleLogReplicator.StreamKey] = stream;
        }

        Assert.Equal(expected, ArticleLogReplicator.StoredOffset(data, "seed-search-articles"));
    }

    [Fact]
    public void StoredOffset_EmptyCommitData_IsBeforeTheFirstRecord() =>
        Assert.Equal(-1, ArticleLogReplicator.StoredOffset(new Dictionary<string, string>(), "s"));

    [Theory]
    [InlineData("127.0.0.1:5672", true)]
    [InlineData("rabbitmq1:5672, rabbitmq2:5672,rabbitmq3:5672", true)]
    [InlineData("", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.0.0.1:", false)]
    [InlineData("127.0.0.1:5672,", false)]
    [InlineData("amqp://127.0.0.1:5672", false)]
    [InlineData("127.0.0.1:567200", false)]
    public void Endpoints_AreValidatedAtStartUp(string endpoints, bool valid) =>
        Assert.Equal(valid, IsValid(new ArticleLogOptions { Endpoints = endpoints }));

    [Theory]
    [InlineData("seed-search-articles", true)]
    [InlineData("", false)]
    [InlineData("with space", false)]
    [InlineData("../x", false)]
    public void Stream_IsValidatedAtStartUp(string stream, bool valid) =>
        Assert.Equal(valid, IsValid(new ArticleLogOptions { Stream = stream }));

    [Fact]
    public void Ranges_RefuseValuesThatCannotWork()
    {
        Assert.False(IsValid(new ArticleLogOptions { Prefetch = 0 }));
        Assert.False(IsValid(new ArticleLogOptions { Prefetch = 70_000 }));   // AMQP's prefetch is 16 bits
        Assert.False(IsValid(new ArticleLogOptions { MaxUnconfirmed = 0 }));
        Assert.False(IsValid(new ArticleLogOptions { InitialClusterSize = 0 }));
        Assert.False(IsValid(new ArticleLogOptions { MaxCommitDelay = TimeSpan.Zero }));
        Assert.True(IsValid(new ArticleLogOptions()));
    }

    [Fact]
    public void Endpoints_AreParsedInOrder()
    {
        var endpoints = ArticleLogConnection.Endpoints(new ArticleLogOptions { Endpoints = " a:1 ,b:2" });

        Assert.Equal([("a", 1), ("b", 2)], endpoints.Select(e => (e.HostName, e.Port)));
    }

    private static bool IsValid(ArticleLogOptions options) =>
        Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);
}
