using Lucene.Net.Index;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

public sealed class IndexStorageTests : IDisposable
{
    private readonly StorageUnderTest _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void Constructor_EmptyFolder_LeavesACommitPointAndAnOpenWriter()
    {
        Assert.True(DirectoryReader.IndexExists(_test.Storage.Directory));
        Assert.Null(_test.Storage.WriteFault);
        Assert.Equal(0, _test.Storage.Generation);
        Assert.Equal(0, _test.VisibleDocuments());
    }

    [Fact]
    public void RefuseWrites_AfterAStorageFailure_RollsBackToTheLastCommitAndSearchesIt()
    {
        _test.AddCommitted("kept");
        _test.Add("pending");
        _test.Searchers.Refresh();
        Assert.Equal(2, _test.VisibleDocuments());

        var fault = _test.Storage.RefuseWrites(_test.Storage.Writer!, new AggregateException(new IOException("No space left on device")), _test.Searchers);

        Assert.Null(_test.Storage.Writer);
        Assert.Same(fault, _test.Storage.WriteFault);
        Assert.Contains("No space left on device", fault.Message);
        Assert.Equal(1, _test.Storage.Generation);
        Assert.Equal(1, _test.VisibleDocuments());
    }

    [Fact]
    public void TryReopen_AfterARefusal_OpensAWriterThatSearchesSee()
    {
        _test.Storage.RefuseWrites(_test.Storage.Writer!, new IOException("read-only"), _test.Searchers);

        var writer = _test.Storage.TryReopen(_test.Searchers);

        Assert.NotNull(writer);
        Assert.Same(writer, _test.Storage.Writer);
        Assert.Null(_test.Storage.WriteFault);
        _test.Add("after");
        _test.Searchers.Refresh();
        Assert.Equal(1, _test.VisibleDocuments());
    }

    [Fact]
    public void TryReopen_WhenTheSearchersCannotOpen_ReleasesTheNewWriterAndRecoversLater()
    {
        _test.Storage.RefuseWrites(_test.Storage.Writer!, new IOException("read-only"), _test.Searchers);
        _test.FailSearchers = true;

        Assert.Null(_test.Storage.TryReopen(_test.Searchers));
        Assert.Null(_test.Storage.Writer);
        Assert.Contains("No space left on device", _test.Storage.WriteFault!.Message);
        // A leaked writer would keep the write lock, and no later reopen could succeed.
        Assert.False(IndexWriter.IsLocked(_test.Storage.Directory));

        _test.FailSearchers = false;
        Assert.NotNull(_test.Storage.TryReopen(_test.Searchers));
    }

    [Theory]
    [InlineData(typeof(IOException), true)]
    [InlineData(typeof(UnauthorizedAccessException), true)]
    [InlineData(typeof(InvalidOperationException), false)]
    public void IsStorageFailure_ClassifiesTheCauseEvenWhenWrapped(Type type, bool expected)
    {
        var cause = (Exception)Activator.CreateInstance(type)!;

        Assert.Equal(expected, IndexStorage.IsStorageFailure(cause));
        Assert.Equal(expected, IndexStorage.IsStorageFailure(new AggregateException(cause)));
    }
}
