using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Index;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Benchmarks;

/// <summary>
/// The indexing ceiling: the corpus written straight into a Lucene IndexWriter in this process,
/// with the service's documents, analysis chain, directory, similarity and RAM buffer, by one
/// or more threads, one commit at the end. No gRPC, no outbox, no per-article status lookups.
/// </summary>
internal static class CeilingBenchmark
{
    private const int BlockSize = 10_000;

    /// <summary>Indexes <paramref name="corpus"/> into a new index at <paramref name="indexPath"/>.</summary>
    public static CeilingResult Run(ScaleCorpus corpus, int threads, string indexPath, SearchSettings settings)
    {
        Directory.CreateDirectory(indexPath);
        var gcBefore = GC.GetTotalPauseDuration();
        var indexing = TimeSpan.Zero;
        var count = 0;
        var analyzers = settings.CreateAnalyzers();
        var documents = new ArticleDocuments(analyzers);
        using (var directory = IndexStorage.OpenDirectory(indexPath))
        using (var writer = new IndexWriter(directory, IndexStorage.CreateWriterConfig(analyzers, settings.Index.RamBufferSizeMb, settings.CreateSimilarity())))
        {
            // Reading and parsing the corpus is not timed: blocks are loaded first, then indexed.
            // Background merges keep running while the next block loads, a small favour to the ceiling.
            foreach (var block in DatasetFiles.EnumerateCorpus(corpus.Path).Select(ToIndexed).Chunk(BlockSize))
            {
                var started = Stopwatch.GetTimestamp();
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, worker =>
                {
                    for (var i = worker; i < block.Length; i += threads)
                    {
                        // An upsert by id, as the service does, so deletes by term are part of the cost.
                        writer.UpdateDocument(new Term(IndexFields.Id, block[i].Id), documents.ToDocument(block[i]));
                    }
                });
                indexing += Stopwatch.GetElapsedTime(started);
                count += block.Length;
            }

            var commit = Stopwatch.GetTimestamp();
            writer.Commit();
            // Waits for running merges, so the index is complete when the clock stops.
            writer.Dispose(waitForMerges: true);
            indexing += Stopwatch.GetElapsedTime(commit);
        }

        return new CeilingResult(threads, count, corpus.Bytes, indexing, DirectorySize(indexPath), GC.GetTotalPauseDuration() - gcBefore);
    }

    /// <summary>Bytes of every file under <paramref name="path"/>.</summary>
    public static long DirectorySize(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    // What the service receives from ingest for a plain-text article: the same fields, a content hash.
    private static IndexedArticle ToIndexed(RawArticle raw) => new(
        raw.Id,
        raw.Title,
        raw.Body,
        raw.Url,
        raw.Source,
        DateTimeOffset.TryParse(raw.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published) ? published : null,
        [],
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw.Title + "\n" + raw.Body)))[..16].ToLowerInvariant());
}
