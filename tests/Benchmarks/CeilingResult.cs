namespace SeedSearch.Benchmarks;

/// <summary>One ceiling run.</summary>
/// <param name="Chain">What was indexed: the service's documents and chain, or raw Lucene.NET's.</param>
/// <param name="Threads">Indexing threads.</param>
/// <param name="Articles">Articles indexed.</param>
/// <param name="Bytes">UTF-8 bytes of their titles and bodies.</param>
/// <param name="Elapsed">Indexing time, commit and final merges included, corpus reading excluded.</param>
/// <param name="IndexBytes">Index size on disk after the commit.</param>
/// <param name="GcPause">GC pause time of this process during the run.</param>
internal sealed record CeilingResult(CeilingChain Chain, int Threads, int Articles, long Bytes, TimeSpan Elapsed, long IndexBytes, TimeSpan GcPause)
{
    public double DocsPerSecond => Articles / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1e6 / Elapsed.TotalSeconds;

    /// <summary>How the report names it: "service 2t", "raw 2t".</summary>
    public string Label => $"{(Chain == CeilingChain.Raw ? "raw" : "service")} {Threads}t";
}

/// <summary>What a ceiling run indexes.</summary>
internal enum CeilingChain
{
    /// <summary>The service's documents (seven text fields, stored text, doc values) and analysis chain; upserts by id.</summary>
    Service,

    /// <summary>Raw Lucene.NET: title and body under Lucene's PortugueseAnalyzer, the id; added, not upserted.</summary>
    Raw,
}
