using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis.Pt;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace SeedSearch.TestSupport;

/// <summary>
/// The yardstick the service is measured against: a plain Lucene.NET searcher over the same
/// corpus, with nothing of the service in it. Two text fields, title and body, analysed by
/// Lucene's own PortugueseAnalyzer; the id indexed, stored and kept in doc values; BM25; the query
/// text escaped and parsed over title^2 + body with OR; the top hits mapped to ids through doc values.
/// The index is built once per set of corpus files and reused while those files are unchanged.
/// </summary>
public sealed partial class RawLuceneBaseline : IDisposable
{
    /// <summary>Hits per query unless the search asks for another number.</summary>
    public const int TopK = 10;

    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private const string IdField = "id";
    private const string TitleField = "title";
    private const string BodyField = "body";
    private const string BuiltMarker = "built.txt";
    private const double RamBufferMb = 256;
    private const int BlockSize = 10_000;

    private readonly Lucene.Net.Store.Directory _directory;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly PortugueseAnalyzer _analyzer = new(Version);
    // The classic parser keeps state while parsing: one per thread.
    private readonly ThreadLocal<MultiFieldQueryParser> _parsers;

    private RawLuceneBaseline(Lucene.Net.Store.Directory directory, RawDirectoryKind kind, string path, bool reused, TimeSpan buildTime)
    {
        _directory = directory;
        _reader = DirectoryReader.Open(directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
        _parsers = new(() => new MultiFieldQueryParser(Version, [TitleField, BodyField], _analyzer,
            new Dictionary<string, float> { [TitleField] = 2f, [BodyField] = 1f }) { DefaultOperator = Operator.OR });
        Kind = kind;
        Path = path;
        Reused = reused;
        BuildTime = buildTime;
    }

    /// <summary>The default directory: memory-mapped on 64-bit Linux, as FSDirectory.Open chooses there; NIO elsewhere.</summary>
    public static RawDirectoryKind DefaultKind =>
        OperatingSystem.IsLinux() && Environment.Is64BitProcess ? RawDirectoryKind.Mmap : RawDirectoryKind.Nio;

    public RawDirectoryKind Kind { get; }

    /// <summary>The index folder.</summary>
    public string Path { get; }

    /// <summary>Whether an earlier run's index of the same corpus was reused.</summary>
    public bool Reused { get; }

    /// <summary>Indexing time (zero when reused).</summary>
    public TimeSpan BuildTime { get; }

    public int DocumentCount => _reader.NumDocs;

    /// <summary>The Lucene directory class searched through.</summary>
    public string DirectoryName => _directory.GetType().Name;

    /// <summary>
    /// Opens the index of <paramref name="corpusPath"/> in <paramref name="indexPath"/>, building
    /// it first unless a complete one of the same corpus file (path, size, time) is there.
    /// </summary>
    public static RawLuceneBaseline Open(string corpusPath, string indexPath, RawDirectoryKind kind) =>
        Open([corpusPath], indexPath, kind);

    /// <summary>
    /// Opens the index of every article of <paramref name="corpusPaths"/> in <paramref name="indexPath"/>,
    /// building it first unless a complete one of the same corpus files (paths, sizes, times) is there.
    /// </summary>
    public static RawLuceneBaseline Open(IReadOnlyList<string> corpusPaths, string indexPath, RawDirectoryKind kind)
    {
        var key = string.Join('\n', corpusPaths.Select(path => new FileInfo(path))
            .Select(file => string.Create(CultureInfo.InvariantCulture, $"{file.FullName}|{file.Length}|{file.LastWriteTimeUtc:O}")));
        var marker = System.IO.Path.Combine(indexPath, BuiltMarker);
        var reused = File.Exists(marker) && File.ReadAllText(marker) == key;
        var buildTime = TimeSpan.Zero;
        if (!reused)
        {
            if (System.IO.Directory.Exists(indexPath))
            {
                System.IO.Directory.Delete(indexPath, recursive: true);
            }

            System.IO.Directory.CreateDirectory(indexPath);
            buildTime = Build(corpusPaths, indexPath);
            // Written last: its presence marks a complete index of this corpus.
            File.WriteAllText(marker, key);
        }

        return new RawLuceneBaseline(OpenDirectory(indexPath, kind), kind, indexPath, reused, buildTime);
    }

    /// <summary>The top <paramref name="count"/> of <paramref name="text"/>: ids and scores, best first.</summary>
    public IReadOnlyList<(string Id, float Score)> Search(string text, int count = TopK)
    {
        Query query;
        try
        {
            query = _parsers.Value!.Parse(QueryParserBase.Escape(Operators().Replace(text, m => m.Value.ToLowerInvariant())));
        }
        catch (ParseException)
        {
            // Only text that analyses to nothing gets here; it finds nothing.
            query = new BooleanQuery();
        }

        var top = _searcher.Search(query, count);
        var leaves = _reader.Leaves;
        var hits = new (string, float)[top.ScoreDocs.Length];
        var bytes = new BytesRef();
        for (var i = 0; i < hits.Length; i++)
        {
            var doc = top.ScoreDocs[i].Doc;
            var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
            // Doc values instances are per thread in Lucene 4.8: ask the segment each time.
            leaf.AtomicReader.GetBinaryDocValues(IdField).Get(doc - leaf.DocBase, bytes);
            hits[i] = (bytes.Utf8ToString(), top.ScoreDocs[i].Score);
        }

        return hits;
    }

    public void Dispose()
    {
        _parsers.Dispose();
        _reader.Dispose();
        _directory.Dispose();
        _analyzer.Dispose();
    }

    private static Lucene.Net.Store.Directory OpenDirectory(string path, RawDirectoryKind kind) => kind switch
    {
        RawDirectoryKind.Mmap => new MMapDirectory(new DirectoryInfo(path)),
        _ => new NIOFSDirectory(new DirectoryInfo(path)),
    };

    // Every core adds documents; one commit at the end. Not a measurement, so not tuned further.
    private static TimeSpan Build(IReadOnlyList<string> corpusPaths, string indexPath)
    {
        var started = Stopwatch.GetTimestamp();
        using var directory = new NIOFSDirectory(new DirectoryInfo(indexPath));
        using var analyzer = new PortugueseAnalyzer(Version);
        var config = new IndexWriterConfig(Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            RAMBufferSizeMB = RamBufferMb,
            MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
            Similarity = new BM25Similarity(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var block in corpusPaths.SelectMany(DatasetFiles.EnumerateCorpus).Chunk(BlockSize))
            {
                Parallel.ForEach(block, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, article =>
                    writer.AddDocument(ToDocument(article.Id, article.Title, article.Body)));
            }

            writer.Commit();
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The raw index's document: the id (indexed, stored, in doc values), title and body, no stored text.</summary>
    public static Document ToDocument(string id, string title, string body) => new()
    {
        new StringField(IdField, id, Field.Store.YES),
        new BinaryDocValuesField(IdField, new BytesRef(id)),
        new TextField(TitleField, title, Field.Store.NO),
        new TextField(BodyField, body, Field.Store.NO),
    };

    // Upper-case AND/OR/NOT stay operators after Escape; lower-cased they are plain words.
    [GeneratedRegex(@"\b(AND|OR|NOT)\b")]
    private static partial Regex Operators();
}
