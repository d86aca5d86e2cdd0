using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The shape the search-box parser gives a query of plain words, after rewriting: an OR of
/// words, each the best of its fields (<see cref="DisjunctionMaxQuery"/>) over single terms or
/// small OR groups of terms (a hyphenated word, synonyms, spelling neighbours).
/// <see cref="WordQueryScorer"/> scores exactly this shape with less overhead than Lucene's
/// generic scorers; any other query (phrases, prefixes, required or excluded words) has no
/// <see cref="WordQuery"/> and runs through Lucene.
/// </summary>
internal sealed class WordQuery
{
    /// <summary>Most alternatives one word may have: a bit each in a per-document mask.</summary>
    public const int MaxDisjuncts = 31;

    private WordQuery(IReadOnlyList<Word> words, bool coordinated)
    {
        Words = words;
        Coordinated = coordinated;
    }

    /// <summary>The words, in clause order (scores are summed in this order, as Lucene does).</summary>
    public IReadOnlyList<Word> Words { get; }

    /// <summary>Whether the top level applies the similarity's coordination factor.</summary>
    public bool Coordinated { get; }

    /// <summary>The shape of <paramref name="rewritten"/> (a query already rewritten by the searcher), or null.</summary>
    public static WordQuery? TryCreate(Query rewritten)
    {
        if (rewritten is BooleanQuery top)
        {
            if (top.MinimumNumberShouldMatch != 0 || top.Clauses.Count == 0 || top.Clauses.Any(c => c.Occur != Occur.SHOULD))
            {
                return null;
            }

            var words = new List<Word>(top.Clauses.Count);
            foreach (var clause in top.Clauses)
            {
                if (ToWord(clause.Query, top.Boost) is not { } word)
                {
                    return null;
                }

                words.Add(word);
            }

            return new WordQuery(words, !top.CoordDisabled);
        }

        return ToWord(rewritten, 1f) is { } single ? new WordQuery([single], coordinated: false) : null;
    }

    private static Word? ToWord(Query query, float boost)
    {
        if (query is not DisjunctionMaxQuery best)
        {
            return ToDisjunct(query, boost) is { } only ? new Word([only], 0f) : null;
        }

        var disjuncts = new List<Disjunct>();
        foreach (var disjunct in best.Disjuncts)
        {
            if (IsEmpty(disjunct))
            {
                // A spelling expansion that found nothing: Lucene gives it no scorer either.
                continue;
            }

            if (ToDisjunct(disjunct, boost * best.Boost) is not { } converted)
            {
                return null;
            }

            disjuncts.Add(converted);
        }

        return disjuncts.Count is > 0 and <= MaxDisjuncts ? new Word(disjuncts, best.TieBreakerMultiplier) : null;
    }

    // Boosts multiply on the way down in the same order as Lucene's Weight.Normalize, so the
    // products, and so the scores, are the same floats.
    private static Disjunct? ToDisjunct(Query query, float boost)
    {
        switch (query)
        {
            case TermQuery term:
                return new Disjunct([new WordTerm(term.Term, term.Boost * boost)], Coordinated: false);
            case BooleanQuery group when group.MinimumNumberShouldMatch == 0 && group.Clauses.All(c => c.Occur == Occur.SHOULD):
                var terms = new List<WordTerm>();
                if (!group.CoordDisabled)
                {
                    // Coordination counts matched clauses, so only flat groups of terms qualify.
                    foreach (var clause in group.Clauses)
                    {
                        if (clause.Query is not TermQuery term)
                        {
                            return null;
                        }

                        terms.Add(new WordTerm(term.Term, term.Boost * (boost * group.Boost)));
                    }

                    return new Disjunct(terms, Coordinated: true);
                }

                // Without coordination nested groups only add up: flatten them.
                foreach (var clause in group.Clauses)
                {
                    if (IsEmpty(clause.Query))
                    {
                        continue;
                    }

                    if (ToDisjunct(clause.Query, boost * group.Boost) is not { Coordinated: false } nested)
                    {
                        return null;
                    }

                    terms.AddRange(nested.Terms);
                }

                return terms.Count == 0 ? null : new Disjunct(terms, Coordinated: false);
            default:
                return null;
        }
    }

    private static bool IsEmpty(Query query) =>
        query is BooleanQuery { Clauses.Count: 0 } || query is BooleanQuery nested && nested.Clauses.All(c => IsEmpty(c.Query));

    /// <summary>One query word: the best of its alternatives plus <see cref="TieBreaker"/> times the others.</summary>
    internal sealed record Word(IReadOnlyList<Disjunct> Disjuncts, float TieBreaker);

    /// <summary>One alternative of a word: the sum of its terms' scores, times their coordination when <paramref name="Coordinated"/>.</summary>
    internal sealed record Disjunct(IReadOnlyList<WordTerm> Terms, bool Coordinated);

    /// <summary>One term with its boost, the product of every boost above it.</summary>
    internal readonly record struct WordTerm(Term Term, float Boost);
}
