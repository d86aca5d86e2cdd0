namespace SeedSearch.Benchmarks;

/// <summary>One ceiling run.</summary>
/// <param name="Threads">Indexing threads.</param>
/// <param name="Articles">Articles indexed.</param>
/// <param name="Bytes">UTF-8 bytes of their titles and bodies.</param>
/// <param name="Elapsed">Indexing time, commit and final merges included, corpus reading excluded.</param>
/// <param name="IndexBytes">Index size on disk after the commit.</param>
/// <param name="GcPause">GC pause time of this process during the run.</param>
internal sealed record CeilingResult(int Threads, int Articles, long Bytes, TimeSpan Elapsed, long IndexBytes, TimeSpan GcPause)
{
    public double DocsPerSecond => Articles / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1e6 / Elapsed.TotalSeconds;
}
