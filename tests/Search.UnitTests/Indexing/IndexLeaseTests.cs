using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

public sealed class IndexLeaseTests : IDisposable
{
    private readonly StorageUnderTest _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public void Dispose_Twice_ReleasesTheSnapshotOnce()
    {
        var lease = _test.Searchers.Acquire();
        var reader = lease.Reader;
        var held = reader.RefCount;

        lease.Dispose();
        lease.Dispose();

        Assert.Equal(held - 1, reader.RefCount);
    }

    [Fact]
    public void Dispose_OfAPinnedSnapshotLease_LeavesThePinHeld()
    {
        _test.AddCommitted("a");
        var pinned = _test.Searchers.Acquire(new SearchCursor(_test.PinNewest(), 0, 0, 1));
        var reader = pinned.Reader;
        var held = reader.RefCount;

        pinned.Dispose();
        pinned.Dispose();

        Assert.Equal(held - 1, reader.RefCount);
        Assert.Equal(1, _test.Searchers.PinnedSnapshotCount);
    }

    [Fact]
    public void Pin_ReturnsTheVersion_AndKeepsTheSnapshotForLaterLeases()
    {
        using var lease = _test.Searchers.Acquire();

        var version = lease.Pin();
        _test.AddCommitted("later");

        Assert.Equal(lease.Version, version);
        Assert.Equal(1, _test.Searchers.PinnedSnapshotCount);
        Assert.Equal(0, lease.Reader.NumDocs);
    }

    [Fact]
    public void Version_ChangesWithEachCommit()
    {
        long before;
        using (var lease = _test.Searchers.Acquire())
        {
            before = lease.Version;
        }

        _test.AddCommitted("a");

        using var after = _test.Searchers.Acquire();
        Assert.True(after.Version > before);
    }
}
