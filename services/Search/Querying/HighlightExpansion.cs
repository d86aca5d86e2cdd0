using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Replaces each <see cref="FuzzyQuery"/> and <see cref="PrefixQuery"/> in a query tree by the
/// index terms it matches, for the highlighter. Otherwise it rebuilds the Levenshtein automaton
/// of every fuzzy term for every hit and field, which made a 100-hit page of a misspelled query
/// cost seconds, and it expands a prefix against an in-memory index of each hit's text, which
/// made a prefix query's snippets cost twenty times its search.
/// </summary>
public static class HighlightExpansion
{
    /// <summary>
    /// Most index terms a prefix is replaced by; a prefix matching more is left to the
    /// highlighter's own per-hit expansion, so every match is still marked.
    /// </summary>
    public const int MaxPrefixTerms = 256;

    /// <summary>The query with fuzzy and prefix terms expanded against <paramref name="reader"/>; other parts are kept.</summary>
    public static Query Expand(Query query, IndexReader reader)
    {
        switch (query)
        {
            case FuzzyQuery fuzzy:
                var expanded = fuzzy.Rewrite(reader);
                expanded.Boost = fuzzy.Boost;
                return expanded;
            case PrefixQuery prefix:
                // One more than the limit tells whether the prefix matches more terms than that.
                var rewrite = new MultiTermQuery.TopTermsScoringBooleanQueryRewrite(MaxPrefixTerms + 1);
                if (new PrefixQuery(prefix.Prefix) { MultiTermRewriteMethod = rewrite }.Rewrite(reader) is BooleanQuery { Clauses.Count: <= MaxPrefixTerms } terms)
                {
                    terms.Boost = prefix.Boost;
                    return terms;
                }

                return query;
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
