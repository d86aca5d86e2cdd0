namespace SeedSearch.Benchmarks;

/// <summary>Compares two runs' top 10 per query (ids in rank order), matched by query id.</summary>
internal static class Top10Diff
{
    public static Top10DiffResult Compare(IReadOnlyDictionary<string, IReadOnlyList<string>> before,
        IReadOnlyDictionary<string, IReadOnlyList<string>> after)
    {
        var queries = before.Keys
            .Where(after.ContainsKey)
            .Order(StringComparer.Ordinal)
            .Select(id => Query(id, before[id], after[id]))
            .ToArray();
        return new Top10DiffResult(queries, before.Keys.Count(k => !after.ContainsKey(k)), after.Keys.Count(k => !before.ContainsKey(k)));
    }

    /// <summary>One query's change from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static Top10QueryDiff Query(string queryId, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        var rankBefore = Ranks(before);
        var rankAfter = Ranks(after);
        var shared = before.Where(rankAfter.ContainsKey).ToArray();
        var k = Math.Max(before.Count, after.Count);
        var change = before.SequenceEqual(after, StringComparer.Ordinal) ? Top10Change.Identical
            : shared.Length == before.Count && shared.Length == after.Count ? Top10Change.Order
            : Top10Change.Set;

        // Footrule: an id absent from one list sits at rank k+1 there.
        var footrule = rankBefore.Keys.Union(rankAfter.Keys, StringComparer.Ordinal)
            .Sum(id => Math.Abs(rankBefore.GetValueOrDefault(id, k + 1) - rankAfter.GetValueOrDefault(id, k + 1)));

        var pairs = 0;
        var discordant = 0;
        for (var i = 0; i < shared.Length; i++)
        {
            for (var j = i + 1; j < shared.Length; j++)
            {
                pairs++;
                // shared is in earlier rank order, so i precedes j before; a flip is j before i now.
                if (rankAfter[shared[i]] > rankAfter[shared[j]])
                {
                    discordant++;
                }
            }
        }

        return new Top10QueryDiff(
            queryId,
            change,
            Overlap: k == 0 ? 1 : (double)shared.Length / k,
            Displacement: k == 0 ? 0 : (double)footrule / (k * (k + 1)),
            Discordance: pairs == 0 ? 0 : (double)discordant / pairs,
            Entered: after.Count - shared.Length,
            Left: before.Count - shared.Length);
    }

    // 1-based rank of each id; a repeated id keeps its first rank.
    private static Dictionary<string, int> Ranks(IReadOnlyList<string> ids)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            ranks.TryAdd(ids[i], i + 1);
        }

        return ranks;
    }
}
