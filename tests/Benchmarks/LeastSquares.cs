namespace SeedSearch.Benchmarks;

/// <summary>The least-squares line through a set of points.</summary>
internal static class LeastSquares
{
    /// <summary>The slope dy/dx of the least-squares line; NaN with fewer than two distinct x.</summary>
    public static double Slope(IReadOnlyList<(double X, double Y)> points)
    {
        if (points.Count < 2)
        {
            return double.NaN;
        }

        var meanX = points.Average(p => p.X);
        var meanY = points.Average(p => p.Y);
        var sxx = points.Sum(p => (p.X - meanX) * (p.X - meanX));
        return sxx == 0 ? double.NaN : points.Sum(p => (p.X - meanX) * (p.Y - meanY)) / sxx;
    }
}
