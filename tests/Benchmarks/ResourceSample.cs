namespace SeedSearch.Benchmarks;

/// <summary>Both services' memory and CPU use, and the machine's load, at one moment.</summary>
/// <param name="At">Seconds since the measured phase started (negative during the warm-up).</param>
/// <param name="SearchRss">Search's resident set size, bytes.</param>
/// <param name="SearchHeap">Search's GC heap after its last collection, bytes; null if the scrape failed.</param>
/// <param name="SearchCpu">CPU time search has used since it started.</param>
/// <param name="IngestRss">Ingest's resident set size, bytes.</param>
/// <param name="IngestHeap">Ingest's GC heap after its last collection, bytes; null if the scrape failed.</param>
/// <param name="IngestCpu">CPU time ingest has used since it started.</param>
/// <param name="LoadAverage">The machine's one-minute load average (/proc/loadavg): other work competing for the cores.</param>
internal sealed record ResourceSample(double At, long SearchRss, long? SearchHeap, TimeSpan SearchCpu, long IngestRss, long? IngestHeap,
    TimeSpan IngestCpu, double LoadAverage);
