using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Replaces each <see cref="FuzzyQuery"/> in a query tree by the index terms it matches. The
/// highlighter otherwise rebuilds the Levenshtein automaton of every fuzzy term for every hit
/// and field, which made a 100-hit page of a misspelled query cost seconds.
/// </summary>
public static class FuzzyExpansion
{
    /// <summary>The query with fuzzy terms expanded against <paramref name="reader"/>; other parts are kept.</summary>
    public static Query Expand(Query query, IndexReader reader)
    {
        switch (query)
        {
            case FuzzyQuery fuzzy:
                var expanded = fuzzy.Rewrite(reader);
                expanded.Boost = fuzzy.Boost;
                return expanded;
            case BooleanQuery boolean:
                var copy = new BooleanQuery(boolean.CoordDisabled) { Boost = boolean.Boost, MinimumNumberShouldMatch = boolean.MinimumNumberShouldMatch };
                foreach (var clause in boolean.Clauses)
                {
                    copy.Add(Expand(clause.Query, reader), clause.Occur);
                }

                return copy;
            case DisjunctionMaxQuery disjunction:
                var max = new DisjunctionMaxQuery(disjunction.TieBreakerMultiplier) { Boost = disjunction.Boost };
                foreach (var disjunct in disjunction.Disjuncts)
                {
                    max.Add(Expand(disjunct, reader));
                }

                return max;
            default:
                return query;
        }
    }
}
