namespace SeedSearch.Importer.Tests;

public sealed class SummaryWriterTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Write_ImportWithProblems_ListsCountsAndPositions()
    {
        var path = _folder.Write("feed.jsonl", """{"id":"ok","body":"Texto."}""" + "\n" + """{"id":"vazio","body":""}""" + "\nnot json");
        var summary = await new ChunkedImporter(new FakeUploader(), new ImportSettings(), new NullProgress(), TimeProvider.System)
            .ImportAsync([path], CancellationToken.None);
        var output = new StringWriter();

        SummaryWriter.Write(summary, output);

        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.StartsWith("Imported 2 articles from 1 files in 1 chunks (", lines[0]);
        Assert.Equal("accepted   1 (created 1, updated 0, unchanged 0)", lines[1]);
        Assert.Equal("rejected   1", lines[2]);
        Assert.Equal("malformed  1 (skipped)", lines[3]);
        Assert.Equal($"{path}:2 [vazio]: article.body is required (article.body: must not be empty)", lines[5]);
        Assert.StartsWith($"{path}:3: invalid JSON", lines[7]);
    }
}
