using System.IO.Compression;
using System.Text;

namespace SeedSearch.Importer.Tests;

/// <summary>Writes the article files the importer reads into a test's <see cref="TempDirectory"/>.</summary>
public static class TempDirectoryExtensions
{
    /// <summary>Writes <paramref name="text"/> to a relative path (gzipped when it ends in .gz) and returns the full path.</summary>
    public static string Write(this TempDirectory folder, string relativePath, string text)
    {
        var full = folder.Combine(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (full.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var file = File.Create(full);
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        else
        {
            File.WriteAllText(full, text);
        }

        return full;
    }
}
