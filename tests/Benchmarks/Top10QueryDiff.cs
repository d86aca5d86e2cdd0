namespace SeedSearch.Benchmarks;

/// <summary>One query's top 10 before and after a change.</summary>
/// <param name="QueryId">The query.</param>
/// <param name="Change">Identical, reordered or a different set.</param>
/// <param name="Overlap">Shared ids over the longer list's length (overlap@10); 1 when both are empty.</param>
/// <param name="Displacement">
/// Spearman's footrule over both lists, an id missing from a list counted at rank k+1, divided by
/// its maximum k(k+1) for two disjoint lists of length k: 0 unchanged, 1 nothing in common.
/// </param>
/// <param name="Discordance">Kendall tau distance over the shared ids: the fraction of their pairs whose order flipped.</param>
/// <param name="Entered">Ids in the current top 10 only.</param>
/// <param name="Left">Ids in the earlier top 10 only.</param>
internal sealed record Top10QueryDiff(string QueryId, Top10Change Change, double Overlap, double Displacement, double Discordance, int Entered, int Left);
