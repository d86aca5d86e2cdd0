using System.IO.Compression;

namespace SeedSearch.Benchmarks.Tests;

public sealed class BenchmarkOptionsTests : IDisposable
{
    private readonly string _source = Path.Combine(Path.GetTempPath(), $"bench-options-{Guid.NewGuid():N}");

    public BenchmarkOptionsTests()
    {
        Directory.CreateDirectory(_source);
        using var file = File.Create(Path.Combine(_source, "corpus.jsonl.gz"));
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
    }

    [Fact]
    public void Parse_RawAndTop10Options_Read()
    {
        var top10 = Path.Combine(_source, "before.tsv");
        File.WriteAllText(top10, "query_id\trank\tarticle_id\tscore\n");

        var options = Parse("--raw-directory", "nio", "--skip-raw", "--seconds", "0", "--articles", "5000",
            "--top10-out", Path.Combine(_source, "after.tsv"), "--top10-diff", top10);

        Assert.Equal(RawDirectoryKind.Nio, options.RawDirectory);
        Assert.True(options.SkipRaw);
        Assert.Equal(TimeSpan.Zero, options.Seconds);
        Assert.True(options.ArticlesGiven);
        Assert.Equal(Path.Combine(_source, "after.tsv"), options.Top10Out);
        Assert.Equal(top10, options.Top10Diff);
        Assert.True(options.Top10);
    }

    [Fact]
    public void Parse_Defaults_RawOnAndNoTop10Work()
    {
        var options = Parse();

        Assert.False(options.SkipRaw);
        Assert.False(options.ArticlesGiven);
        Assert.False(options.Top10);
        Assert.Equal(RawLuceneBaseline.DefaultKind, options.RawDirectory);
    }

    [Fact]
    public void Parse_DirectoryOtherThanNioOrMmap_Throws()
    {
        Assert.Throws<ArgumentException>(() => Parse("--raw-directory", "simple"));
        Assert.Throws<ArgumentException>(() => Parse("--raw-directory", "1"));
    }

    [Fact]
    public void Parse_NegativeSecondsOrMissingTop10File_Throws()
    {
        Assert.Throws<ArgumentException>(() => Parse("--seconds", "-1"));
        Assert.Throws<ArgumentException>(() => Parse("--top10-diff", Path.Combine(_source, "missing.tsv")));
    }

    [Fact]
    public void Parse_IngestEnvAndServiceCeilingOptions_Read()
    {
        var options = Parse("--ingest-env", "Publishing__BatchSize=1024", "--ingest-env", "A=b=c", "--skip-service-ceiling");

        Assert.Equal(new Dictionary<string, string> { ["Publishing__BatchSize"] = "1024", ["A"] = "b=c" }, options.IngestEnv);
        Assert.True(options.SkipServiceCeiling);
        Assert.Empty(options.SearchEnv);
        Assert.False(Parse().SkipServiceCeiling);
    }

    [Theory]
    [InlineData("novalue")]
    [InlineData("=value")]
    public void Parse_IngestEnvWithoutKeyEqualsValue_Throws(string value) =>
        Assert.Contains("--ingest-env", Assert.Throws<ArgumentException>(() => Parse("--ingest-env", value)).Message);

    [Fact]
    public void Parse_SecondsZeroWithLoad_Throws() =>
        Assert.Throws<ArgumentException>(() => Parse("--seconds", "0", "--load"));

    public void Dispose() => Directory.Delete(_source, recursive: true);

    private BenchmarkOptions Parse(params string[] args) =>
        BenchmarkOptions.Parse([.. args, "--source", _source, "--repo", _source]);
}
