namespace SeedSearch.Benchmarks;

/// <summary>Every compared query's change, and the queries only one of the two runs had.</summary>
/// <param name="Queries">Queries present in both runs, in query-id order.</param>
/// <param name="OnlyBefore">Queries only in the earlier file.</param>
/// <param name="OnlyAfter">Queries only in the current run.</param>
internal sealed record Top10DiffResult(IReadOnlyList<Top10QueryDiff> Queries, int OnlyBefore, int OnlyAfter)
{
    public int Compared => Queries.Count;

    public int Identical => Count(Top10Change.Identical);

    public int SetChanged => Count(Top10Change.Set);

    public int OrderChanged => Count(Top10Change.Order);

    public double MeanOverlap => Mean(q => q.Overlap);

    public double MeanDisplacement => Mean(q => q.Displacement);

    public double MeanDiscordance => Mean(q => q.Discordance);

    /// <summary>The <paramref name="count"/> most changed queries: largest displacement, then smallest overlap.</summary>
    public IReadOnlyList<Top10QueryDiff> Worst(int count) => Queries
        .Where(q => q.Change != Top10Change.Identical)
        .OrderByDescending(q => q.Displacement)
        .ThenBy(q => q.Overlap)
        .ThenBy(q => q.QueryId, StringComparer.Ordinal)
        .Take(count)
        .ToArray();

    private int Count(Top10Change change) => Queries.Count(q => q.Change == change);

    private double Mean(Func<Top10QueryDiff, double> value) => Queries.Count == 0 ? double.NaN : Queries.Average(value);
}
