namespace SeedSearch.Benchmarks.Tests;

public class LeastSquaresTests
{
    [Fact]
    public void Slope_PointsOnALine_IsTheLinesSlope() =>
        Assert.Equal(3.0, LeastSquares.Slope([(0, 2), (1, 5), (2, 8), (4, 14)]), precision: 9);

    [Fact]
    public void Slope_UpAndDownAgain_IsZero() =>
        Assert.Equal(0.0, LeastSquares.Slope([(0, 10), (1, 12), (2, 12), (3, 10)]), precision: 9);

    [Fact]
    public void Slope_OnePointOrOneX_IsNaN()
    {
        Assert.True(double.IsNaN(LeastSquares.Slope([(1, 1)])));
        Assert.True(double.IsNaN(LeastSquares.Slope([(1, 1), (1, 5)])));
    }
}
