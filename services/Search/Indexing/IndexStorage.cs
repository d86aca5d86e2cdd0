using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The index directory and its one <see cref="IndexWriter"/>. When the directory stops taking
/// writes, the writer is rolled back to the last commit and closed, and <see cref="WriteFault"/>
/// says why until a probe write succeeds and a new writer opens. Callers serialise writes.
/// </summary>
internal sealed class IndexStorage : IDisposable
{
    private const string WriteProbeFile = "write.probe";
    private const int WriteProbeBytes = 64 * 1024;

    private readonly PortugueseAnalyzerFactory _analyzers;
    private readonly double _ramBufferSizeMb;
    private readonly Similarity _similarity;
    private readonly Action<Exception> _mergeFailed;
    private readonly ILogger _logger;
    private volatile IndexUnavailableException? _writeFault;
    private long _generation;

    /// <summary>Opens (or creates) the index in <paramref name="path"/>, with a commit point even when empty.</summary>
    public IndexStorage(string path, PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb, Similarity similarity,
        Action<Exception> mergeFailed, ILogger logger)
    {
        Path = path;
        _analyzers = analyzers;
        _ramBufferSizeMb = ramBufferSizeMb;
        _similarity = similarity;
        _mergeFailed = mergeFailed;
        _logger = logger;
        System.IO.Directory.CreateDirectory(path);
        Directory = OpenDirectory(path);
        var writer = NewWriter();
        // A reader can always be opened once the index has a commit point.
        writer.Commit();
        Writer = writer;
    }

    public string Path { get; }

    public Lucene.Net.Store.Directory Directory { get; }

    /// <summary>The open writer, or null while writes are refused.</summary>
    public IndexWriter? Writer { get; private set; }

    /// <summary>Why writes are refused, or null while the index takes writes.</summary>
    public IndexUnavailableException? WriteFault => _writeFault;

    /// <summary>Counts the writers rolled back after a storage failure.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Rolls the writer back to the last commit after <paramref name="cause"/>, points
    /// <paramref name="searchers"/> at that commit and returns the refusal later writes get.
    /// </summary>
    public IndexUnavailableException RefuseWrites(IndexWriter writer, Exception cause, SearcherSource searchers)
    {
        var storage = Unwrap(cause);
        IndexLog.WritesRefused(_logger, storage, Path);
        try
        {
            // Drops everything since the last commit and closes the writer; the commit stays intact.
            writer.Rollback();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            IndexLog.RollbackFailed(_logger, ex, Path);
        }

        Writer = null;
        Interlocked.Increment(ref _generation);
        try
        {
            // The writer's near-real-time view may hold rolled-back upserts: search the last commit.
            searchers.Attach(Directory);
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            IndexLog.RollbackFailed(_logger, ex, Path);
        }

        var fault = Refusal(storage);
        _writeFault = fault;
        return fault;
    }

    /// <summary>
    /// Opens a new writer, and points <paramref name="searchers"/> at it, if the directory takes
    /// writes again; returns null (with <see cref="WriteFault"/> updated) if it does not.
    /// </summary>
    public IndexWriter? TryReopen(SearcherSource searchers)
    {
        try
        {
            ProbeWritable();
            var writer = NewWriter();
            try
            {
                searchers.Attach(writer);
            }
            catch
            {
                // An unattached writer would hold the write lock, and every later reopen would fail on it.
                writer.Rollback();
                throw;
            }

            Writer = writer;
            _writeFault = null;
            IndexLog.WritesResumed(_logger, Path, writer.NumDocs);
            return writer;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            var storage = Unwrap(ex);
            IndexLog.ReopenFailed(_logger, Path, storage.Message);
            _writeFault = Refusal(storage);
            return null;
        }
    }

    /// <summary>Whether <paramref name="ex"/> means the directory does not take writes (disk full, read-only, no access).</summary>
    public static bool IsStorageFailure(Exception ex) => Unwrap(ex) is IOException or UnauthorizedAccessException;

    /// <summary>Closes the writer (committing what is pending, or keeping the last commit if it cannot) and the directory.</summary>
    public void Dispose()
    {
        try
        {
            Writer?.Dispose();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            IndexLog.RollbackFailed(_logger, ex, Path);
            Writer?.Rollback();
        }

        Directory.Dispose();
    }

    /// <summary>The directory implementation the index uses; shared with the indexing benchmark.</summary>
    internal static Lucene.Net.Store.Directory OpenDirectory(string path) =>
        // FSDirectory.Open would pick MMapDirectory on 64-bit Linux, which is far slower under
        // parallel search in Lucene.NET 4.8 beta00017; NIOFSDirectory is the safe choice.
        new NIOFSDirectory(new DirectoryInfo(path));

    /// <summary>The writer settings the index uses; shared with the indexing benchmark.</summary>
    internal static IndexWriterConfig CreateWriterConfig(PortugueseAnalyzerFactory analyzers, double ramBufferSizeMb, Similarity similarity,
        Action<Exception>? mergeFailed = null) =>
        new(LuceneVersion.LUCENE_48, analyzers.CreatePerField())
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = ramBufferSizeMb,
            Similarity = similarity,
            MergeScheduler = new ReportingMergeScheduler(mergeFailed ?? (_ => { })),
        };

    private IndexWriter NewWriter() => new(Directory, CreateWriterConfig(_analyzers, _ramBufferSizeMb, _similarity, _mergeFailed));

    // Opening a writer needs only an empty lock file, which a full disk still takes: write a
    // little data first, so a writer reopens only when a commit has a chance.
    private void ProbeWritable()
    {
        var probe = System.IO.Path.Combine(Path, WriteProbeFile);
        try
        {
            using var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            stream.Write(new byte[WriteProbeBytes]);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            File.Delete(probe);
        }
    }

    private static IndexUnavailableException Refusal(Exception storage) =>
        new($"The index cannot be written ({storage.Message}); writes are refused until it can, searches use the last commit.", storage);

    // Parallel indexing wraps the writer's exception.
    private static Exception Unwrap(Exception ex) =>
        ex is AggregateException { InnerExceptions: [var inner, ..] } ? Unwrap(inner) : ex;
}
