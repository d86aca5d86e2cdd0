using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SeedSearch.Search.Watching;

/// <summary>
/// The percolator's pre-filter: for each standing query, terms at least one of which an article
/// must hold for the query to match (a word, one word of a phrase, a prefix), indexed by term. An
/// article then runs only the queries one of its own terms triggers, not every open query. A query
/// whose shape gives no such terms (a wildcard, a fuzzy term, match-all) runs on every article.
/// </summary>
internal sealed class QueryTriggers
{
    private readonly Dictionary<Term, int[]> _byTerm;
    private readonly (Term Prefix, int Query)[] _prefixes;
    private readonly int[] _always;

    /// <summary>Indexes <paramref name="queries"/>; candidates are positions in this list.</summary>
    public QueryTriggers(IReadOnlyList<Query> queries)
    {
        Count = queries.Count;
        var byTerm = new Dictionary<Term, List<int>>();
        var prefixes = new List<(Term, int)>();
        var always = new List<int>();
        for (var i = 0; i < queries.Count; i++)
        {
            if (Of(queries[i]) is not { } triggers)
            {
                always.Add(i);
                continue;
            }

            foreach (var (term, prefix) in triggers)
            {
                if (prefix)
                {
                    prefixes.Add((term, i));
                }
                else if (byTerm.TryGetValue(term, out var list))
                {
                    if (list[^1] != i)
                    {
                        list.Add(i);
                    }
                }
                else
                {
                    byTerm[term] = [i];
                }
            }
        }

        _byTerm = byTerm.ToDictionary(e => e.Key, e => e.Value.ToArray());
        _prefixes = [.. prefixes];
        _always = [.. always];
    }

    /// <summary>Queries indexed.</summary>
    public int Count { get; }

    /// <summary>Queries that run on every article.</summary>
    public int Unfiltered => _always.Length;

    /// <summary>Marks in <paramref name="candidates"/> (one slot per query) every query <paramref name="article"/> may match.</summary>
    public void Mark(AtomicReader article, bool[] candidates)
    {
        foreach (var query in _always)
        {
            candidates[query] = true;
        }

        var fields = article.Fields;
        if (fields is null)
        {
            return;
        }

        if (_byTerm.Count > 0)
        {
            foreach (var field in fields)
            {
                var terms = fields.GetTerms(field)?.GetEnumerator();
                while (terms is not null && terms.MoveNext())
                {
                    // The lookup key wraps the enum's own bytes: nothing is copied per term.
                    if (_byTerm.TryGetValue(new Term(field, terms.Term), out var queries))
                    {
                        foreach (var query in queries)
                        {
                            candidates[query] = true;
                        }
                    }
                }
            }
        }

        foreach (var (prefix, query) in _prefixes)
        {
            var terms = fields.GetTerms(prefix.Field)?.GetEnumerator();
            if (terms is not null && terms.SeekCeil(prefix.Bytes) != TermsEnum.SeekStatus.END && StringHelper.StartsWith(terms.Term, prefix.Bytes))
            {
                candidates[query] = true;
            }
        }
    }

    /// <summary>
    /// Terms one of which any article <paramref name="query"/> matches holds, or null when its
    /// shape does not say. Sound for the shapes handled: a conjunction needs only one required
    /// part's terms, a disjunction needs every part's.
    /// </summary>
    internal static IReadOnlyList<(Term Term, bool Prefix)>? Of(Query query)
    {
        switch (query)
        {
            case TermQuery term:
                return [(term.Term, false)];
            case PrefixQuery prefix:
                return [(prefix.Prefix, true)];
            case PhraseQuery phrase:
                // Every term is required: the longest is likely the rarest.
                return phrase.GetTerms() is { Length: > 0 } words ? [(words.MaxBy(t => t.Bytes.Length)!, false)] : null;
            case MultiPhraseQuery multi:
                return multi.GetTermArrays() is { Count: > 0 } positions ? [.. positions[0].Select(t => (t, false))] : null;
            case ConstantScoreQuery { Query: { } inner }:
                return Of(inner);
            case DisjunctionMaxQuery max:
                return Union(max.Disjuncts);
            case BooleanQuery boolean:
                var required = boolean.Clauses.Where(c => c.Occur == Occur.MUST).Select(c => Of(c.Query)).OfType<IReadOnlyList<(Term, bool)>>().ToList();
                if (required.Count > 0)
                {
                    return required.MinBy(r => r.Count);
                }

                return boolean.Clauses.Any(c => c.Occur == Occur.MUST)
                    ? null
                    : Union(boolean.Clauses.Where(c => c.Occur == Occur.SHOULD).Select(c => c.Query).ToList());
            default:
                return null;
        }
    }

    private static IReadOnlyList<(Term, bool)>? Union(IList<Query> parts)
    {
        var all = new List<(Term, bool)>();
        foreach (var part in parts)
        {
            if (Of(part) is not { } triggers)
            {
                return null;
            }

            all.AddRange(triggers);
        }

        return all.Count > 0 ? all : null;
    }
}
