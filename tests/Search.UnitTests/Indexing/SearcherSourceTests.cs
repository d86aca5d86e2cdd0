using Microsoft.Extensions.Time.Testing;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

public sealed class SearcherSourceTests
{
    [Fact]
    public void Acquire_EachCall_CountsOneLease()
    {
        using var test = new StorageUnderTest();
        var before = test.Searchers.LeasesAcquired;

        using (test.Searchers.Acquire())
        using (test.Searchers.Acquire())
        {
        }

        Assert.Equal(before + 2, test.Searchers.LeasesAcquired);
    }

    [Fact]
    public void Attach_WhileALeaseIsOpen_TheLeaseKeepsItsSnapshot()
    {
        using var test = new StorageUnderTest();
        test.AddCommitted("a");
        test.Add("uncommitted");
        test.Searchers.Refresh();
        using var open = test.Searchers.Acquire();

        test.Searchers.Attach(test.Storage.Directory);

        Assert.Equal(2, open.Reader.NumDocs);
        Assert.Equal(1, test.VisibleDocuments());
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 3)]
    public void Acquire_WithACursor_ReturnsItsSnapshotWhilePinnedOtherwiseTheNewest(bool pinned, int expectedDocuments)
    {
        using var test = new StorageUnderTest();
        test.AddCommitted("a");
        var version = pinned ? test.PinNewest() : test.NewestVersion();

        test.AddCommitted("b", "c");

        using var lease = test.Searchers.Acquire(new SearchCursor(version, 0, 0, 1));
        Assert.Equal(expectedDocuments, lease.Reader.NumDocs);
        Assert.Equal(pinned, lease.Version == version);
        Assert.Equal(3, test.VisibleDocuments());
    }

    [Fact]
    public void Acquire_AfterThePruneInterval_KeepsOnlyTheNewestPinnedSnapshots()
    {
        var time = new FakeTimeProvider();
        using var test = new StorageUnderTest(time, maxPinned: 2);
        for (var i = 0; i < 5; i++)
        {
            test.AddCommitted($"d{i}");
            test.PinNewest();
        }

        Assert.Equal(5, test.Searchers.PinnedSnapshotCount);
        time.Advance(TimeSpan.FromSeconds(6));
        using (test.Searchers.Acquire())
        {
        }

        Assert.Equal(2, test.Searchers.PinnedSnapshotCount);
    }
}
