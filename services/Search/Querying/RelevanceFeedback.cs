using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Pseudo-relevance feedback (RM3): the words that weigh most in the best first-round hits are
/// added to the query at a lower weight, so articles about the same subject that use other
/// words ("vacinação" for "imunização") move up.
/// </summary>
public sealed class RelevanceFeedback
{
    private const int MinTermLength = 3;

    private readonly Analyzer _stemmed;
    private readonly RankingOptions _ranking;
    private readonly Func<string, bool> _isStopWord;

    /// <summary>Creates the expansion over the index's stemmed chain.</summary>
    public RelevanceFeedback(PortugueseAnalyzerFactory analyzers, RankingOptions ranking)
    {
        _stemmed = analyzers.CreateStemmed();
        _ranking = ranking;
        _isStopWord = analyzers.IsStopWord;
    }

    /// <summary>Whether the configuration turns feedback on.</summary>
    public bool Enabled => _ranking.FeedbackDocuments > 0 && _ranking.FeedbackTerms > 0 && _ranking.FeedbackWeight > 0;

    /// <summary>Whether <paramref name="text"/> is short enough for feedback to help.</summary>
    public bool Applies(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Count(w => !_isStopWord(w.Trim(Punctuation))) <= _ranking.FeedbackMaxWords;

    private static readonly char[] Punctuation = ['"', '?', '!', '.', ',', ';', ':', '(', ')', '*', '+', '-', '|', '~'];

    /// <summary>
    /// The query plus the feedback words of its top hits in <paramref name="searcher"/>'s
    /// snapshot (within <paramref name="filter"/>); the query itself when nothing matches.
    /// </summary>
    public Query Expand(IndexSearcher searcher, Query query, Query? filter)
    {
        var first = searcher.Search(query, filter is null ? null : new QueryWrapperFilter(filter), _ranking.FeedbackDocuments);
        if (first.ScoreDocs.Length == 0)
        {
            return query;
        }

        // P(w|R) = Σ_d P(d|q)·P(w|d), with P(d|q) ∝ the first-round score.
        var totalScore = first.ScoreDocs.Sum(d => d.Score);
        var weights = new Dictionary<string, float>(StringComparer.Ordinal);
        foreach (var hit in first.ScoreDocs)
        {
            var doc = searcher.Doc(hit.Doc);
            var counts = Count($"{doc.Get(IndexFields.Title)}\n{doc.Get(IndexFields.Body)}", out var length);
            if (length == 0)
            {
                continue;
            }

            var docWeight = hit.Score / totalScore / length;
            foreach (var (term, count) in counts)
            {
                weights[term] = weights.GetValueOrDefault(term) + docWeight * count;
            }
        }

        var best = weights.OrderByDescending(w => w.Value).ThenBy(w => w.Key, StringComparer.Ordinal).Take(_ranking.FeedbackTerms).ToList();
        if (best.Count == 0)
        {
            return query;
        }

        var top = best[0].Value;
        var expansion = new BooleanQuery(disableCoord: true) { Boost = _ranking.FeedbackWeight };
        foreach (var (term, weight) in best)
        {
            expansion.Add(new TermQuery(new Term(IndexFields.Body, term)) { Boost = weight / top }, Occur.SHOULD);
        }

        // Both optional: an article that only shares the subject's vocabulary may also match.
        return new BooleanQuery(disableCoord: true) { { query, Occur.SHOULD }, { expansion, Occur.SHOULD } };
    }

    private Dictionary<string, int> Count(string text, out int length)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        length = 0;
        using var stream = _stemmed.GetTokenStream(IndexFields.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            length++;
            if (term.Length >= MinTermLength && term.ToString() is var word && word.Any(char.IsLetter))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
            }
        }

        stream.End();
        return counts;
    }
}
