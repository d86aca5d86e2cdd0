using SeedSearch.ArticleFiles;
using SeedSearch.Text;

namespace SeedSearch.Importer.Tests.ArticleFiles;

public sealed class ArticleFileReaderTests : IDisposable
{
    private const string Line1 = """{"id":"a1","title":"Primeira","body":"Corpo um.","url":"https://example.com/1","source":"Agência","published_at":"2021-07-20","tags":["política","economia"],"content_type":"text/plain"}""";
    private const string Line2 = """{"id":"a2","body":"Corpo dois."}""";

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<List<ArticleFileItem>> ReadAsync(string path)
    {
        var items = new List<ArticleFileItem>();
        await foreach (var item in ArticleFileReader.ReadFileAsync(path))
        {
            items.Add(item);
        }

        return items;
    }

    [Fact]
    public async Task ReadFileAsync_TextFile_WholeFileIsPlainBodyWithDerivedTitle()
    {
        var path = _folder.Write("nota.txt", "Primeira linha do texto.\nSegunda linha.\n");

        var item = Assert.Single(await ReadAsync(path));

        Assert.Equal("Primeira linha do texto.\nSegunda linha.\n", item.Article!.Body);
        Assert.Equal("", item.Article.Title);
        Assert.Equal(ContentTypes.PlainText, item.Article.ContentType);
        Assert.Equal(path, item.Location.ToString());
    }

    [Fact]
    public async Task ReadFileAsync_MarkdownFile_WholeFileIsMarkdownBody()
    {
        var path = _folder.Write("nota.md", "# Título\n\nTexto com [ligação](https://example.com).\n");

        var item = Assert.Single(await ReadAsync(path));

        Assert.Equal("# Título\n\nTexto com [ligação](https://example.com).\n", item.Article!.Body);
        Assert.Equal("", item.Article.Title);
        Assert.Equal(ContentTypes.Markdown, item.Article.ContentType);
    }

    [Theory]
    [InlineData("pagina.html")]
    [InlineData("pagina.htm")]
    public async Task ReadFileAsync_HtmlFile_WholeFileIsHtmlBody(string name)
    {
        var path = _folder.Write(name, "<html><body><p>Olá</p></body></html>");

        var item = Assert.Single(await ReadAsync(path));

        Assert.Equal("<html><body><p>Olá</p></body></html>", item.Article!.Body);
        Assert.Equal(ContentTypes.Html, item.Article.ContentType);
    }

    [Fact]
    public async Task ReadFileAsync_JsonObject_MapsEveryField()
    {
        var path = _folder.Write("artigo.json", "\n  " + Line1);

        var article = Assert.Single(await ReadAsync(path)).Article!;

        Assert.Equal(("a1", "Primeira", "Corpo um.", "https://example.com/1", "Agência", "2021-07-20", "text/plain"),
            (article.Id, article.Title, article.Body, article.Url, article.Source, article.PublishedAt, article.ContentType));
        Assert.Equal(["política", "economia"], article.Tags);
    }

    [Fact]
    public async Task ReadFileAsync_JsonArray_YieldsEachObjectWithItsPosition()
    {
        var path = _folder.Write("lote.json", $"[{Line1},\n{Line2}]");

        var items = await ReadAsync(path);

        Assert.Equal(["a1", "a2"], items.Select(i => i.Article!.Id));
        Assert.Equal([0, 1], items.Select(i => i.Location.Position!.Value));
        Assert.Equal($"{path}[1]", items[1].Location.ToString());
    }

    [Fact]
    public async Task ReadFileAsync_JsonArrayWithSyntaxError_ReportsItAndStops()
    {
        var path = _folder.Write("lote.json", $"[{Line1}, {{\"id\": ]");

        var items = await ReadAsync(path);

        // Objects parsed from the same read buffer as the error may be lost; the error never is.
        var last = items[^1];
        Assert.Null(last.Article);
        Assert.StartsWith("invalid JSON", last.Problem);
        Assert.EndsWith("the rest of the file is skipped", last.Problem);
        Assert.All(items[..^1], i => Assert.Equal("a1", i.Article!.Id));
    }

    [Fact]
    public async Task ReadFileAsync_JsonLinesWithMalformedLine_ReportsLineNumberAndContinues()
    {
        var path = _folder.Write("feed.jsonl", $"{Line1}\n\n{{\"id\": \"quebrado\",\n[1,2]\n{Line2}\n");

        var items = await ReadAsync(path);

        Assert.Equal([1, 3, 4, 5], items.Select(i => i.Location.Line!.Value));
        Assert.Equal(["a1", null, null, "a2"], items.Select(i => i.Article?.Id));
        Assert.StartsWith("invalid JSON", items[1].Problem);
        Assert.Equal("expected a JSON object, found array", items[2].Problem);
        Assert.Equal($"{path}:3", items[1].Location.ToString());
    }

    [Fact]
    public async Task ReadFileAsync_NdjsonWithWrongFieldType_ReportsTheField()
    {
        var path = _folder.Write("feed.ndjson", """{"id":"x","body":"b","tags":"única"}""" + "\n" + """{"id":"y","body":{"a":1}}""");

        var items = await ReadAsync(path);

        Assert.Equal(["única"], items[0].Article!.Tags);
        Assert.Equal("field 'body' must be a string", items[1].Problem);
    }

    [Fact]
    public async Task ReadFileAsync_GzippedJsonLines_ReadsLikeUncompressed()
    {
        var path = _folder.Write("corpus.jsonl.gz", $"{Line1}\n{Line2}\n");

        var items = await ReadAsync(path);

        Assert.Equal(["a1", "a2"], items.Select(i => i.Article!.Id));
        Assert.Equal([1, 2], items.Select(i => i.Location.Line!.Value));
    }

    [Fact]
    public async Task ReadFileAsync_GzippedJsonArrayAndText_DetectsInnerFormat()
    {
        var json = _folder.Write("lote.json.gz", $"  [{Line2}]");
        var text = _folder.Write("nota.txt.gz", "Texto comprimido.");

        Assert.Equal("a2", Assert.Single(await ReadAsync(json)).Article!.Id);
        Assert.Equal("Texto comprimido.", Assert.Single(await ReadAsync(text)).Article!.Body);
    }

    [Fact]
    public void ExpandPaths_Folder_WalksRecursivelyInOrdinalOrderSkippingUnsupported()
    {
        _folder.Write("b.txt", "b");
        _folder.Write("a/z.jsonl", Line2);
        _folder.Write("a/B.html", "<p>x</p>");
        _folder.Write("C.json.gz", Line2);
        _folder.Write("imagem.png", "not an article");
        var explicitFile = _folder.Write("extra/solto.txt", "s");

        var files = ArticleFileReader.ExpandPaths([_folder.Path, explicitFile]);

        var relative = files.Select(f => Path.GetRelativePath(_folder.Path, f).Replace('\\', '/'));
        Assert.Equal(["C.json.gz", "a/B.html", "a/z.jsonl", "b.txt", "extra/solto.txt", "extra/solto.txt"], relative);
    }

    [Fact]
    public void ExpandPaths_MissingPath_ThrowsBeforeReading()
    {
        var missing = Path.Combine(_folder.Path, "nao-existe");

        var error = Assert.Throws<FileNotFoundException>(() => ArticleFileReader.ExpandPaths([_folder.Path, missing]));

        Assert.Equal(missing, error.FileName);
    }
}
