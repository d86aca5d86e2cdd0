using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using SeedSearch.Text;

namespace SeedSearch.ArticleFiles;

/// <summary>
/// Reads articles from files and folders, lazily: JSON Lines files and JSON arrays are read one
/// article at a time, so memory stays bounded however large the file. Any format may be
/// gzip-compressed (<c>corpus.jsonl.gz</c>). Folders are walked recursively in ordinal path
/// order, so repeated runs read the same articles in the same order.
/// </summary>
public static class ArticleFileReader
{
    private const int BufferSize = 64 * 1024;

    /// <summary>The format of <paramref name="path"/> by extension, and whether it ends in <c>.gz</c>.</summary>
    public static (ArticleFileFormat Format, bool Compressed) Detect(string path)
    {
        var compressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        var inner = compressed ? path[..^3] : path;
        var format = Path.GetExtension(inner).ToLowerInvariant() switch
        {
            ".txt" => ArticleFileFormat.PlainText,
            ".md" => ArticleFileFormat.Markdown,
            ".html" or ".htm" => ArticleFileFormat.Html,
            ".json" => ArticleFileFormat.Json,
            ".jsonl" or ".ndjson" => ArticleFileFormat.JsonLines,
            _ => ArticleFileFormat.Unsupported,
        };
        return (format, compressed);
    }

    /// <summary>
    /// The files to read for <paramref name="paths"/>: files as given, folders expanded to their
    /// supported files (recursively, ordinal order). Throws <see cref="FileNotFoundException"/>
    /// for a path that does not exist, before anything is read.
    /// </summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Detect(f).Format != ArticleFileFormat.Unsupported)
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: {path}", path);
            }
        }

        return files;
    }

    /// <summary>Every article of every file of <paramref name="paths"/> (see <see cref="ExpandPaths"/>).</summary>
    public static async IAsyncEnumerable<ArticleFileItem> ReadAllAsync(
        IEnumerable<string> paths, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var file in ExpandPaths(paths))
        {
            await foreach (var item in ReadFileAsync(file, cancellationToken))
            {
                yield return item;
            }
        }
    }

    /// <summary>The articles of one file, with a problem item for each part that is not an article.</summary>
    public static IAsyncEnumerable<ArticleFileItem> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var (format, compressed) = Detect(path);
        return format switch
        {
            ArticleFileFormat.PlainText => ReadWholeAsync(path, compressed, ContentTypes.PlainText, cancellationToken),
            ArticleFileFormat.Markdown => ReadWholeAsync(path, compressed, ContentTypes.Markdown, cancellationToken),
            ArticleFileFormat.Html => ReadWholeAsync(path, compressed, ContentTypes.Html, cancellationToken),
            ArticleFileFormat.Json => ReadJsonAsync(path, compressed, cancellationToken),
            ArticleFileFormat.JsonLines => ReadJsonLinesAsync(path, compressed, cancellationToken),
            _ => Single(ArticleFileItem.Malformed(new ArticleLocation(path), "unsupported file type (expected .txt, .md, .html, .htm, .json, .jsonl, .ndjson, optionally .gz)")),
        };
    }

    private static async IAsyncEnumerable<ArticleFileItem> Single(ArticleFileItem item)
    {
        await Task.CompletedTask;
        yield return item;
    }

    private static Stream Open(string path, bool compressed)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        return compressed ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static StreamReader OpenText(string path, bool compressed) =>
        new(Open(path, compressed), detectEncodingFromByteOrderMarks: true, bufferSize: BufferSize);

    // The seed convention: the whole file is the body; ingest derives the title from its first sentence.
    private static async IAsyncEnumerable<ArticleFileItem> ReadWholeAsync(
        string path, bool compressed, string contentType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string text;
        using (var reader = OpenText(path, compressed))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        yield return ArticleFileItem.Read(new ArticleLocation(path), ArticleRecord.FromBody(text, contentType));
    }

    private static async IAsyncEnumerable<ArticleFileItem> ReadJsonLinesAsync(
        string path, bool compressed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = OpenText(path, compressed);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse(line, new ArticleLocation(path, Line: number));
            }
        }
    }

    private static ArticleFileItem Parse(string json, ArticleLocation location)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return ToItem(document.RootElement, location);
        }
        catch (JsonException ex)
        {
            return ArticleFileItem.Malformed(location, $"invalid JSON: {ex.Message}");
        }
    }

    private static ArticleFileItem ToItem(JsonElement element, ArticleLocation location) =>
        ArticleJson.ToRecord(element, out var problem) is { } article
            ? ArticleFileItem.Read(location, article)
            : ArticleFileItem.Malformed(location, problem!);

    private static async IAsyncEnumerable<ArticleFileItem> ReadJsonAsync(
        string path, bool compressed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A gzip stream cannot seek back, so peek in a first pass and parse in a second.
        var first = await FirstSignificantCharAsync(path, compressed, cancellationToken);
        if (first == '[')
        {
            await foreach (var item in ReadJsonArrayAsync(path, compressed, cancellationToken))
            {
                yield return item;
            }

            yield break;
        }

        var location = new ArticleLocation(path);
        if (first != '{')
        {
            yield return ArticleFileItem.Malformed(location, first is null ? "empty file" : "expected a JSON object or an array of objects");
            yield break;
        }

        ArticleFileItem result;
        await using (var stream = Open(path, compressed))
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
                result = ToItem(document.RootElement, location);
            }
            catch (JsonException ex)
            {
                result = ArticleFileItem.Malformed(location, $"invalid JSON: {ex.Message}");
            }
        }

        yield return result;
    }

    private static async IAsyncEnumerable<ArticleFileItem> ReadJsonArrayAsync(
        string path, bool compressed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = Open(path, compressed);
        await using var elements = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        for (var position = 0; ; position++)
        {
            bool more;
            string? problem = null;
            try
            {
                more = await elements.MoveNextAsync();
            }
            catch (JsonException ex)
            {
                // The rest of an array cannot be resynchronised after a syntax error; objects decoded
                // from the same read buffer before it are lost with it.
                more = false;
                problem = $"invalid JSON: {ex.Message}; the rest of the file is skipped";
            }

            if (problem is not null)
            {
                yield return ArticleFileItem.Malformed(new ArticleLocation(path, Position: position), problem);
            }

            if (!more)
            {
                yield break;
            }

            yield return ToItem(elements.Current, new ArticleLocation(path, Position: position));
        }
    }

    private static async Task<char?> FirstSignificantCharAsync(string path, bool compressed, CancellationToken cancellationToken)
    {
        using var reader = OpenText(path, compressed);
        var buffer = new char[1];
        while (await reader.ReadAsync(buffer, cancellationToken) == 1)
        {
            if (!char.IsWhiteSpace(buffer[0]))
            {
                return buffer[0];
            }
        }

        return null;
    }
}
