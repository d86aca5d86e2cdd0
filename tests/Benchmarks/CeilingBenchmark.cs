using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Benchmarks;

/// <summary>
/// The indexing ceilings: the corpus written straight into a Lucene IndexWriter in this process,
/// by one or more threads, one commit at the end, with the service's directory and RAM buffer.
/// The service ceiling uses the service's documents, analysis chain and similarity and upserts by
/// id; the raw one is plain Lucene.NET (PortugueseAnalyzer over title and body, the id, BM25,
/// AddDocument), the yardstick the whole system is measured against. No gRPC, no outbox.
/// </summary>
internal static class CeilingBenchmark
{
    private const int BlockSize = 10_000;

    /// <summary>Indexes <paramref name="corpus"/> into a new index at <paramref name="indexPath"/>.</summary>
    public static CeilingResult Run(ScaleCorpus corpus, CeilingChain chain, int threads, string indexPath, SearchSettings settings)
    {
        Directory.CreateDirectory(indexPath);
        var gcBefore = GC.GetTotalPauseDuration();
        var indexing = TimeSpan.Zero;
        var count = 0;
        var analyzers = settings.CreateAnalyzers();
        var documents = new ArticleDocuments(analyzers);
        using var rawAnalyzer = new PortugueseAnalyzer(LuceneVersion.LUCENE_48);
        var config = chain == CeilingChain.Raw
            ? new IndexWriterConfig(LuceneVersion.LUCENE_48, rawAnalyzer) { RAMBufferSizeMB = settings.Index.RamBufferSizeMb, Similarity = new BM25Similarity() }
            : IndexStorage.CreateWriterConfig(analyzers, settings.Index.RamBufferSizeMb, settings.CreateSimilarity());
        Action<IndexWriter, IndexedArticle> write = chain == CeilingChain.Raw
            ? (writer, article) => writer.AddDocument(RawLuceneBaseline.ToDocument(article.Id, article.Title, article.Body))
            // An upsert by id, as the service does, so deletes by term are part of the cost.
            : (writer, article) => documents.Upsert(writer, article);
        using (var directory = IndexStorage.OpenDirectory(indexPath))
        using (var writer = new IndexWriter(directory, config))
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
                        write(writer, block[i]);
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

        return new CeilingResult(chain, threads, count, corpus.Bytes, indexing, DirectorySize(indexPath), GC.GetTotalPauseDuration() - gcBefore);
    }

    /// <summary>Bytes of every file under <paramref name="path"/>.</summary>
    public static long DirectorySize(string path) =>
        new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    // What the service receives from ingest for a plain-text article: the same fields, a content hash.
    internal static IndexedArticle ToIndexed(RawArticle raw) => new(
        raw.Id,
        raw.Title,
        raw.Body,
        raw.Url,
        raw.Source,
        DateTimeOffset.TryParse(raw.PublishedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published) ? published : null,
        [],
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw.Title + "\n" + raw.Body)))[..16].ToLowerInvariant());
}
