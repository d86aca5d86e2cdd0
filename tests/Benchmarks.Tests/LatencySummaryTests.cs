namespace SeedSearch.Benchmarks.Tests;

public class LatencySummaryTests
{
    [Fact]
    public void Of_ThousandLatencies_NearestRankPercentiles()
    {
        var summary = LatencySummary.Of([.. Enumerable.Range(1, 1000).Select(i => (double)i)]);

        Assert.Equal(new LatencySummary(1000, 500, 990, 999, 1000), summary);
    }

    [Fact]
    public void Of_NoLatencies_NaN()
    {
        var summary = LatencySummary.Of([]);

        Assert.Equal(0, summary.Count);
        Assert.True(double.IsNaN(summary.P99));
        Assert.True(double.IsNaN(summary.Max));
    }
}
