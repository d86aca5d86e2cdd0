using Lucene.Net.Index;
using Lucene.Net.Store;
using SeedSearch.Search.Analysis;

namespace SeedSearch.TestSupport;

/// <summary>
/// What an index directory holds, read with Lucene itself from its last commit (a running
/// service may hold the writer): live id → content hash, and the commit's user data.
/// </summary>
public sealed record IndexContents(IReadOnlyDictionary<string, string> Hashes, IReadOnlyDictionary<string, string> CommitData)
{
    /// <summary>Reads the last commit of the index in <paramref name="path"/>.</summary>
    public static IndexContents Read(string path)
    {
        using var directory = new NIOFSDirectory(new DirectoryInfo(path));
        using var reader = DirectoryReader.Open(directory);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var live = MultiFields.GetLiveDocs(reader);
        var fields = new HashSet<string> { IndexFields.Id, IndexFields.ContentHash };
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is null || live.Get(doc))
            {
                var stored = reader.Document(doc, fields);
                var id = stored.Get(IndexFields.Id);
                if (!hashes.TryAdd(id, stored.Get(IndexFields.ContentHash)))
                {
                    throw new InvalidOperationException($"Article {id} is in the index twice.");
                }
            }
        }

        return new IndexContents(hashes, new Dictionary<string, string>(reader.IndexCommit.UserData, StringComparer.Ordinal));
    }

    /// <summary>Runs Lucene's CheckIndex on <paramref name="path"/>: whether it is clean, and its report.</summary>
    public static (bool Clean, string Report) Check(string path)
    {
        using var directory = new NIOFSDirectory(new DirectoryInfo(path));
        var output = new StringWriter();
        var status = new CheckIndex(directory) { InfoStream = output }.DoCheckIndex();
        return (status.Clean && !status.MissingSegments, output.ToString());
    }
}
