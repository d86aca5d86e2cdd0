using System.Collections.Concurrent;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.UnitTests.Indexing;

/// <summary>
/// A background merge that cannot write (a full disk) is reported, where Lucene's own scheduler
/// loses it on its merge thread, and leaves the index whole.
/// </summary>
public sealed class ReportingMergeSchedulerTests
{
    [Fact]
    public void FailedBackgroundMerges_AreReported_TheIndexKeepsEveryDocument_AndMergesOnceItCanWrite()
    {
        using var directory = new MergeFailingDirectory { FailMerges = true };
        var failures = new ConcurrentQueue<Exception>();
        var analyzers = new PortugueseAnalyzerFactory(Microsoft.Extensions.Options.Options.Create(new AnalysisOptions()));
        var config = IndexStorage.CreateWriterConfig(analyzers, 16, new CoordinatedBm25Similarity(), failures.Enqueue);
        // Every second segment asks for a merge.
        config.MergePolicy = new LogDocMergePolicy { MergeFactor = 2, MinMergeDocs = 1 };

        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < 6; i++)
            {
                writer.AddDocument(Document(i));
                writer.Commit();
            }

            writer.WaitForMerges();
            Assert.NotEmpty(failures);
            Assert.All(failures, f => Assert.IsType<IOException>(f));
            Assert.True(directory.RefusedMerges > 0);

            directory.FailMerges = false;
            writer.AddDocument(Document(6));
            writer.ForceMerge(1);
            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);
        Assert.Equal(7, reader.NumDocs);
        Assert.Single(reader.Leaves);
        Assert.True(new CheckIndex(directory).DoCheckIndex().Clean);
    }

    private static Document Document(int i) =>
        [new StringField(IndexFields.Id, $"merge-{i}", Field.Store.YES), new TextField(IndexFields.Body, $"Texto número {i}.", Field.Store.YES)];

    // Refuses only what merges write, as a disk filled by a merge's new segment would.
    private sealed class MergeFailingDirectory : RAMDirectory
    {
        private int _refused;
        private volatile bool _failMerges;

        public bool FailMerges { get => _failMerges; set => _failMerges = value; }

        public int RefusedMerges => Volatile.Read(ref _refused);

        public override IndexOutput CreateOutput(string name, IOContext context)
        {
            if (FailMerges && context.Context == IOContext.UsageContext.MERGE)
            {
                Interlocked.Increment(ref _refused);
                throw new IOException("No space left on device");
            }

            return base.CreateOutput(name, context);
        }
    }
}
