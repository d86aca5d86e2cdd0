namespace SeedSearch.Benchmarks.Tests;

public class Top10DiffTests
{
    private static readonly string[] Ten = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];

    [Fact]
    public void Compare_IdenticalRuns_NoChanges()
    {
        var run = Run(("q1", Ten), ("q2", ["x", "y"]), ("q3", []));

        var diff = Top10Diff.Compare(run, Run(("q1", Ten), ("q2", ["x", "y"]), ("q3", [])));

        Assert.Equal(3, diff.Compared);
        Assert.Equal(3, diff.Identical);
        Assert.Equal(0, diff.SetChanged);
        Assert.Equal(0, diff.OrderChanged);
        Assert.Equal(1.0, diff.MeanOverlap);
        Assert.Equal(0.0, diff.MeanDisplacement);
        Assert.Empty(diff.Worst(10));
    }

    [Fact]
    public void Query_TwoRanksSwapped_OrderChangeWithFullOverlap()
    {
        string[] swapped = ["b", "a", "c", "d", "e", "f", "g", "h", "i", "j"];

        var change = Top10Diff.Query("q1", Ten, swapped);

        Assert.Equal(Top10Change.Order, change.Change);
        Assert.Equal(1.0, change.Overlap);
        // Footrule 2 over its maximum 10 * 11; one flipped pair of 45.
        Assert.Equal(2.0 / 110, change.Displacement, 12);
        Assert.Equal(1.0 / 45, change.Discordance, 12);
        Assert.Equal((0, 0), (change.Entered, change.Left));
    }

    [Fact]
    public void Query_NewIdReplacesLast_SetChange()
    {
        string[] replaced = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "new"];

        var change = Top10Diff.Query("q1", Ten, replaced);

        Assert.Equal(Top10Change.Set, change.Change);
        Assert.Equal(0.9, change.Overlap, 12);
        // "j" moves from 10 to 11 (missing), "new" from 11 to 10.
        Assert.Equal(2.0 / 110, change.Displacement, 12);
        Assert.Equal(0.0, change.Discordance);
        Assert.Equal((1, 1), (change.Entered, change.Left));
    }

    [Fact]
    public void Query_NothingShared_DisplacementOne()
    {
        var change = Top10Diff.Query("q1", ["a", "b"], ["c", "d"]);

        Assert.Equal(Top10Change.Set, change.Change);
        Assert.Equal(0.0, change.Overlap);
        Assert.Equal(1.0, change.Displacement, 12);
    }

    [Fact]
    public void Query_HitsLost_SetChangeCountsLeft()
    {
        var change = Top10Diff.Query("q1", ["a", "b"], []);

        Assert.Equal(Top10Change.Set, change.Change);
        Assert.Equal(0.0, change.Overlap);
        Assert.Equal((0, 2), (change.Entered, change.Left));
    }

    [Fact]
    public void Compare_QueriesInOneRunOnly_CountedNotCompared()
    {
        var diff = Top10Diff.Compare(Run(("q1", ["a"]), ("old", ["b"])), Run(("q1", ["a"]), ("new1", ["c"]), ("new2", ["d"])));

        Assert.Equal(1, diff.Compared);
        Assert.Equal((1, 2), (diff.OnlyBefore, diff.OnlyAfter));
    }

    [Fact]
    public void Worst_MixedChanges_MostDisplacedFirstWithoutIdentical()
    {
        var diff = Top10Diff.Compare(
            Run(("same", Ten), ("swap", ["a", "b", "c"]), ("gone", ["a", "b", "c"])),
            Run(("same", Ten), ("swap", ["b", "a", "c"]), ("gone", ["x", "y", "z"])));

        Assert.Equal(["gone", "swap"], diff.Worst(10).Select(q => q.QueryId));
        Assert.Equal(["gone"], diff.Worst(1).Select(q => q.QueryId));
        Assert.Equal((1, 1, 1), (diff.Identical, diff.OrderChanged, diff.SetChanged));
    }

    [Fact]
    public void Read_WrittenFile_SameRanksAndEmptyQueries()
    {
        var path = Path.Combine(Path.GetTempPath(), $"top10-{Guid.NewGuid():N}.tsv");
        try
        {
            // Written out of rank order on purpose: the reader orders by rank.
            Top10File.Write(path, [new("q1", 2, "b", 1.5f), new("q1", 1, "a", 2.25f), new("q2", 0, "", 0)]);

            var read = Top10File.Read(path);

            Assert.Equal(["a", "b"], read["q1"]);
            Assert.Empty(read["q2"]);
            Assert.Equal(2, read.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_NotATop10Line_Throws()
    {
        var path = Path.Combine(Path.GetTempPath(), $"top10-{Guid.NewGuid():N}.tsv");
        try
        {
            File.WriteAllText(path, "query_id\trank\tarticle_id\tscore\nq1\tfirst\ta\t1\n");

            Assert.Throws<FormatException>(() => Top10File.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Dictionary<string, IReadOnlyList<string>> Run(params (string Query, string[] Ids)[] queries) =>
        queries.ToDictionary(q => q.Query, q => (IReadOnlyList<string>)q.Ids);
}
