namespace SeedSearch.Relevance.Tests;

public sealed class RelevanceOptionsTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly string _dataset;
    private readonly string _corpus;

    public RelevanceOptionsTests()
    {
        _dataset = Folder("govbr-news-eval", "queries.tsv", "qrels.tsv", "corpus.jsonl.gz");
        _corpus = Folder("govbr-news", "corpus.jsonl.gz");
    }

    [Fact]
    public void Parse_NoDistractors_PlainNameAndNoIngestEnvironment()
    {
        var options = Parse("--dataset", _dataset, "--corpus", _corpus);

        Assert.Equal("govbr-news-eval@govbr-news", options.Name);
        Assert.Equal(0, options.Distractors);
        Assert.Empty(options.IngestEnv);
    }

    [Fact]
    public void Parse_Distractors_NameShowsScaleSourcesDefaultToCorpusIngestWaitsLonger()
    {
        var options = Parse("--dataset", _dataset, "--corpus", _corpus, "--distractors", "100000");

        Assert.Equal("govbr-news-eval@govbr-news+100000", options.Name);
        Assert.Equal([_corpus], options.DistractorSources);
        Assert.Equal(42, options.DistractorSeed);
        Assert.Equal(Path.Combine(Path.GetTempPath(), "seedsearch-relevance-corpora"), options.Cache);
        Assert.Equal("02:00:00", options.IngestEnv["Outbox__MaxIndexWait"]);
    }

    [Fact]
    public void Parse_OtherSourceSeedAndCache_NameShowsSourceAndSeed()
    {
        var options = Parse("--dataset", _dataset, "--distractors", "1000", "--distractor-source", _corpus,
            "--distractor-seed", "7", "--cache", _folder.Combine("cache"));

        Assert.Equal("govbr-news-eval+1000-of-govbr-news-seed7", options.Name);
        Assert.Equal([_corpus], options.DistractorSources);
        Assert.Equal(7, options.DistractorSeed);
        Assert.Equal(_folder.Combine("cache"), options.Cache);
    }

    [Fact]
    public void Parse_UnsafeFolderName_NameKeptToSafeCharacters()
    {
        var dataset = Folder("my data (v2)", "queries.tsv", "qrels.tsv", "corpus.jsonl.gz");

        var options = Parse("--dataset", dataset, "--distractors", "10");

        Assert.Equal("my_data__v2_+10", options.Name);
    }

    [Theory]
    [InlineData("--distractors", "-1")]
    [InlineData("--distractors", "many")]
    [InlineData("--distractor-seed", "7")]
    [InlineData("--distractor-source", "govbr-news")]
    public void Parse_BadDistractorOption_Throws(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => Parse("--dataset", _dataset, name, value == "govbr-news" ? _corpus : value));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Copies_DefaultsToHits_TakesListed_AndRefusesAnythingElse()
    {
        Assert.False(Parse("--dataset", _dataset).ListedCopies);
        Assert.True(Parse("--dataset", _dataset, "--copies", "listed").ListedCopies);
        Assert.Contains("--copies", Assert.Throws<ArgumentException>(() => Parse("--dataset", _dataset, "--copies", "all")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DistractorSourceWithoutCorpus_Throws()
    {
        var empty = Folder("empty");

        var error = Assert.Throws<ArgumentException>(() => Parse("--dataset", _dataset, "--distractors", "10", "--distractor-source", empty));

        Assert.Equal($"missing {Path.Combine(empty, "corpus.jsonl.gz")}", error.Message);
    }

    public void Dispose() => _folder.Dispose();

    private RelevanceOptions Parse(params string[] args) => RelevanceOptions.Parse([.. args, "--repo", _folder.Path]);

    private string Folder(string name, params string[] files)
    {
        var folder = _folder.Combine(name);
        Directory.CreateDirectory(folder);
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(folder, file), "");
        }

        return folder;
    }
}
