using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Term statistics and id lookups on a lease's snapshot; none takes a searcher of its own, so
/// they agree with the page searched on the same lease.
/// </summary>
public static class TermLookups
{
    /// <summary>Most terms a prefix or fuzzy walk visits.</summary>
    public const int MaxTermsScanned = 10_000;

    /// <summary>Sum over <paramref name="fields"/> of the documents containing <paramref name="term"/>.</summary>
    public static int DocFrequency(IndexLease lease, string term, params string[] fields) =>
        fields.Sum(field => lease.Reader.DocFreq(new Term(field, term)));

    /// <summary>
    /// Index terms of <paramref name="field"/> within <paramref name="maxEdits"/> edits of
    /// <paramref name="term"/> (same first letter), most frequent first: spelling candidates.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> SimilarTerms(IndexLease lease, string field, string term, int maxEdits, int limit)
    {
        var terms = MultiFields.GetTerms(lease.Reader, field);
        if (terms is null)
        {
            return [];
        }

        var candidates = new List<KeyValuePair<string, int>>();
        var fuzzy = new FuzzyTermsEnum(terms, new AttributeSource(), new Term(field, term), maxEdits, 1, true);
        for (var scanned = 0; scanned < MaxTermsScanned && fuzzy.MoveNext(); scanned++)
        {
            candidates.Add(new(fuzzy.Term.Utf8ToString(), fuzzy.DocFreq));
        }

        return candidates.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(limit).ToList();
    }

    /// <summary>
    /// Terms of <paramref name="field"/> starting with <paramref name="prefix"/>, in term order,
    /// with their document frequency; at most <see cref="MaxTermsScanned"/>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, int>> TermsWithPrefix(IndexLease lease, string field, string prefix)
    {
        var terms = MultiFields.GetTerms(lease.Reader, field);
        var result = new List<KeyValuePair<string, int>>();
        if (terms is null)
        {
            return result;
        }

        var prefixBytes = new BytesRef(prefix);
        var iterator = terms.GetEnumerator();
        if (iterator.SeekCeil(prefixBytes) == TermsEnum.SeekStatus.END)
        {
            return result;
        }

        do
        {
            if (!StringHelper.StartsWith(iterator.Term, prefixBytes))
            {
                break;
            }

            result.Add(new(iterator.Term.Utf8ToString(), iterator.DocFreq));
        }
        while (result.Count < MaxTermsScanned && iterator.MoveNext());

        return result;
    }

    /// <summary>The internal document number of the live article with id <paramref name="id"/>, or -1.</summary>
    public static int FindDocId(IndexLease lease, string id)
    {
        var top = lease.Searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1);
        return top.TotalHits == 0 ? -1 : top.ScoreDocs[0].Doc;
    }

    /// <summary>
    /// The content hash stored with article <paramref name="id"/>: null when there is no such
    /// article, empty when it was stored without one.
    /// </summary>
    public static string? FindContentHash(IndexLease lease, string id)
    {
        var docId = FindDocId(lease, id);
        return docId < 0 ? null : lease.Searcher.Doc(docId).Get(IndexFields.ContentHash) ?? string.Empty;
    }
}
