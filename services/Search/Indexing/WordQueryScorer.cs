using System.Buffers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Scores a <see cref="WordQuery"/> term at a time in windows of documents, with the same BM25
/// arithmetic as Lucene's scorers, and counts, pages and facets every match in the same pass.
/// Lucene 4.8 runs this shape as a BooleanScorer over one DisjunctionMaxScorer per word, with
/// a priority queue and virtual calls per posting and field; here each term's postings fill
/// arrays for one window and a word's alternatives are combined once per matching document.
/// Measured at 100k articles it costs little more than reading the postings (docs/performance.md).
/// </summary>
internal static class WordQueryScorer
{
    private const int WindowBits = 12;
    private const int WindowSize = 1 << WindowBits;

    /// <summary>
    /// The <paramref name="wanted"/> best matches after <paramref name="after"/> (search-after,
    /// Lucene's tie order: higher score first, then lower document), the number of matches, and
    /// every match fed to <paramref name="matches"/> (facets). Once <paramref name="deadline"/> has
    /// passed it stops with what it has, marked partial.
    /// </summary>
    public static (TopDocs Top, bool Partial) Search(IndexSearcher searcher, CoordinatedBm25Similarity similarity, WordQuery query,
        Filter? filter, int wanted, ScoreDoc? after, ICollector? matches, Deadline? deadline = null)
    {
        var terms = TermScorers(searcher, similarity, query);
        var words = query.Words;
        var coord = new float[words.Count + 1];
        for (var i = 0; i < coord.Length; i++)
        {
            coord[i] = query.Coordinated ? similarity.Coord(i, words.Count) : 1f;
        }

        var maxDisjuncts = words.Max(w => w.Disjuncts.Count);
        var disjunctScores = ArrayPool<float>.Shared.Rent(maxDisjuncts * WindowSize);
        var disjunctMatches = ArrayPool<byte>.Shared.Rent(maxDisjuncts * WindowSize);
        var masks = ArrayPool<int>.Shared.Rent(WindowSize);
        var touched = ArrayPool<int>.Shared.Rent(WindowSize);
        var totals = ArrayPool<float>.Shared.Rent(WindowSize);
        var overlaps = ArrayPool<int>.Shared.Rent(WindowSize);
        var matched = ArrayPool<int>.Shared.Rent(WindowSize);
        Array.Clear(disjunctScores, 0, maxDisjuncts * WindowSize);
        Array.Clear(disjunctMatches, 0, maxDisjuncts * WindowSize);
        Array.Clear(masks, 0, WindowSize);
        Array.Clear(totals, 0, WindowSize);
        Array.Clear(overlaps, 0, WindowSize);
        // As IndexSearcher does: never a queue longer than the index.
        var top = new HitQueue(Math.Max(1, Math.Min(wanted, searcher.IndexReader.MaxDoc)));
        var totalHits = 0;
        var partial = false;
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var segment = Segment.Open(leaf, terms, words.Count, filter);
                if (segment is null)
                {
                    continue;
                }

                matches?.SetNextReader(leaf);
                var afterDoc = after is null ? int.MaxValue : after.Doc - leaf.DocBase;
                for (var start = 0; start < leaf.AtomicReader.MaxDoc && !partial; start += WindowSize)
                {
                    var end = start + WindowSize;
                    var count = 0;
                    for (var w = 0; w < words.Count; w++)
                    {
                        var matchedDocs = segment.FillWord(w, start, end, disjunctScores, disjunctMatches, masks, touched);
                        count = CombineWord(similarity, words[w], matchedDocs, disjunctScores, disjunctMatches, masks, touched, totals, overlaps, matched, count);
                    }

                    for (var i = 0; i < count; i++)
                    {
                        var offset = matched[i];
                        var score = totals[offset] * coord[overlaps[offset]];
                        totals[offset] = 0;
                        overlaps[offset] = 0;
                        var doc = start + offset;
                        if (segment.Accepted is { } accepted && !accepted.Get(doc))
                        {
                            continue;
                        }

                        if (deadline is { HasPassed: true })
                        {
                            // Checked per match, as Lucene's TimeLimitingCollector does.
                            partial = true;
                            break;
                        }

                        totalHits++;
                        matches?.Collect(doc);
                        if (after is not null && (score > after.Score || (score == after.Score && doc <= afterDoc)))
                        {
                            // Shown on an earlier page.
                            continue;
                        }

                        top.Offer(leaf.DocBase + doc, score);
                    }
                }

                if (partial)
                {
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(disjunctScores);
            ArrayPool<byte>.Shared.Return(disjunctMatches);
            ArrayPool<int>.Shared.Return(masks);
            ArrayPool<int>.Shared.Return(touched);
            ArrayPool<float>.Shared.Return(totals);
            ArrayPool<int>.Shared.Return(overlaps);
            ArrayPool<int>.Shared.Return(matched);
        }

        var hits = wanted == 0 ? [] : top.Drain();
        return (new TopDocs(totalHits, hits, hits.Length == 0 ? float.NaN : hits.Max(h => h.Score)), partial);
    }

    // A word's score per document: its best alternative plus the tie-breaker times the others
    // (DisjunctionMaxScorer), added to the document's total in clause order.
    private static int CombineWord(CoordinatedBm25Similarity similarity, WordQuery.Word word, int matchedDocs, float[] disjunctScores, byte[] disjunctMatches, int[] masks, int[] touched,
        float[] totals, int[] overlaps, int[] matched, int count)
    {
        for (var t = 0; t < matchedDocs; t++)
        {
            var offset = touched[t];
            var mask = masks[offset];
            masks[offset] = 0;
            float max = 0, sum = 0;
            var first = true;
            for (var d = 0; mask != 0; d++, mask >>= 1)
            {
                if ((mask & 1) == 0)
                {
                    continue;
                }

                var slot = (d << WindowBits) + offset;
                var score = disjunctScores[slot];
                if (word.Disjuncts[d] is { Coordinated: true } group)
                {
                    // Lucene's coordination over the group's clauses, matched or not anywhere.
                    score *= similarity.Coord(disjunctMatches[slot], group.Terms.Count);
                }

                disjunctScores[slot] = 0;
                disjunctMatches[slot] = 0;
                if (first || score > max)
                {
                    max = score;
                }

                first = false;
                sum += score;
            }

            if (overlaps[offset] == 0)
            {
                matched[count++] = offset;
            }

            totals[offset] += max + (sum - max) * word.TieBreaker;
            overlaps[offset]++;
        }

        return count;
    }

    private static List<TermScorer> TermScorers(IndexSearcher searcher, CoordinatedBm25Similarity similarity, WordQuery query)
    {
        var scorers = new List<TermScorer>();
        var lengthNorms = new Dictionary<string, (float[] Table, long MaxDoc)>(StringComparer.Ordinal);
        for (var w = 0; w < query.Words.Count; w++)
        {
            var disjuncts = query.Words[w].Disjuncts;
            for (var d = 0; d < disjuncts.Count; d++)
            {
                foreach (var term in disjuncts[d].Terms)
                {
                    var context = TermContext.Build(searcher.IndexReader.Context, term.Term);
                    if (context.DocFreq == 0)
                    {
                        continue;
                    }

                    if (!lengthNorms.TryGetValue(term.Term.Field, out var field))
                    {
                        var statistics = searcher.CollectionStatistics(term.Term.Field);
                        field = (similarity.LengthNormTable(statistics), statistics.MaxDoc);
                        lengthNorms[term.Term.Field] = field;
                    }

                    // Lucene's BM25: weight = idf · boost, scored as weight · (k1 + 1) · f / (f + norm).
                    var weight = similarity.TermIdf(context.DocFreq, field.MaxDoc) * term.Boost;
                    scorers.Add(new TermScorer(w, d, term.Term, context, weight * (similarity.K1 + 1), field.Table, similarity.K1));
                }
            }
        }

        return scorers;
    }

    /// <summary>A time budget on a millisecond clock, as <see cref="TimeLimitingCollector"/> keeps it.</summary>
    public readonly record struct Deadline(Counter Clock, long Timeout)
    {
        public bool HasPassed => Clock.Value > Timeout;
    }

    private sealed record TermScorer(int Word, int Disjunct, Term Term, TermContext Context, float Weight, float[] LengthNorms, float K1);

    /// <summary>The postings of every query term in one segment, read window by window.</summary>
    private sealed class Segment
    {
        private readonly DocsEnum[] _docs;
        private readonly byte[]?[] _norms;
        private readonly TermScorer[] _terms;
        private readonly int[] _current;
        private readonly int[][] _byWord;

        private Segment(List<(TermScorer Term, DocsEnum Docs, byte[]? Norms)> postings, int words, IBits? accepted)
        {
            _terms = postings.Select(p => p.Term).ToArray();
            _docs = postings.Select(p => p.Docs).ToArray();
            _norms = postings.Select(p => p.Norms).ToArray();
            _current = _docs.Select(d => d.NextDoc()).ToArray();
            _byWord = Enumerable.Range(0, words).Select(w => Enumerable.Range(0, _terms.Length).Where(i => _terms[i].Word == w).ToArray()).ToArray();
            Accepted = accepted;
        }

        /// <summary>Documents the filter lets through, or null without a filter.</summary>
        public IBits? Accepted { get; }

        public static Segment? Open(AtomicReaderContext leaf, List<TermScorer> terms, int words, Filter? filter)
        {
            var reader = leaf.AtomicReader;
            IBits? accepted = null;
            if (filter is not null)
            {
                if (filter.GetDocIdSet(leaf, reader.LiveDocs)?.GetIterator() is not { } iterator)
                {
                    return null;
                }

                var bits = new FixedBitSet(reader.MaxDoc);
                bits.Or(iterator);
                accepted = bits;
            }

            var postings = new List<(TermScorer, DocsEnum, byte[]?)>();
            foreach (var term in terms)
            {
                if (term.Context.Get(leaf.Ord) is not { } state || reader.GetTerms(term.Term.Field) is not { } fieldTerms)
                {
                    continue;
                }

                var termsEnum = fieldTerms.GetEnumerator();
                termsEnum.SeekExact(term.Term.Bytes, state);
                postings.Add((term, termsEnum.Docs(reader.LiveDocs, null, DocsFlags.FREQS), SegmentNorms.For(reader, term.Term.Field)));
            }

            return postings.Count == 0 ? null : new Segment(postings, words, accepted);
        }

        /// <summary>
        /// Adds each posting of word <paramref name="word"/> in [start, end) to its alternative's
        /// score; returns how many documents matched, listed in <paramref name="touched"/>.
        /// </summary>
        public int FillWord(int word, int start, int end, float[] scores, byte[] counts, int[] masks, int[] touched)
        {
            var matched = 0;
            foreach (var i in _byWord[word])
            {
                var doc = _current[i];
                if (doc >= end)
                {
                    continue;
                }

                var term = _terms[i];
                var docs = _docs[i];
                var norms = _norms[i];
                var lengthNorms = term.LengthNorms;
                var weight = term.Weight;
                var slotBase = term.Disjunct << WindowBits;
                var bit = 1 << term.Disjunct;
                do
                {
                    var offset = doc - start;
                    float freq = docs.Freq;
                    var norm = norms is null ? term.K1 : lengthNorms[norms[doc]];
                    scores[slotBase + offset] += weight * freq / (freq + norm);
                    counts[slotBase + offset]++;
                    if (masks[offset] == 0)
                    {
                        touched[matched++] = offset;
                    }

                    masks[offset] |= bit;
                    doc = docs.NextDoc();
                }
                while (doc < end);

                _current[i] = doc;
            }

            return matched;
        }
    }

    /// <summary>Lucene's HitQueue order: the least competitive hit (lowest score, then highest document) on top.</summary>
    private sealed class HitQueue(int size)
    {
        private readonly ScoreDoc[] _heap = new ScoreDoc[size];
        private int _count;

        public void Offer(int doc, float score)
        {
            if (_count < _heap.Length)
            {
                _heap[_count] = new ScoreDoc(doc, score);
                Up(_count++);
            }
            else if (LessThan(_heap[0], score, doc))
            {
                _heap[0].Doc = doc;
                _heap[0].Score = score;
                Down(0);
            }
        }

        public ScoreDoc[] Drain()
        {
            var result = new ScoreDoc[_count];
            for (var i = _count - 1; i >= 0; i--)
            {
                result[i] = _heap[0];
                _heap[0] = _heap[--_count];
                Down(0);
            }

            return result;
        }

        private static bool LessThan(ScoreDoc a, float score, int doc) => a.Score == score ? a.Doc > doc : a.Score < score;

        private static bool LessThan(ScoreDoc a, ScoreDoc b) => LessThan(a, b.Score, b.Doc);

        private void Up(int i)
        {
            while (i > 0 && LessThan(_heap[i], _heap[(i - 1) / 2]))
            {
                (_heap[i], _heap[(i - 1) / 2]) = (_heap[(i - 1) / 2], _heap[i]);
                i = (i - 1) / 2;
            }
        }

        private void Down(int i)
        {
            while (true)
            {
                var least = i;
                var left = (2 * i) + 1;
                if (left < _count && LessThan(_heap[left], _heap[least]))
                {
                    least = left;
                }

                if (left + 1 < _count && LessThan(_heap[left + 1], _heap[least]))
                {
                    least = left + 1;
                }

                if (least == i)
                {
                    return;
                }

                (_heap[i], _heap[least]) = (_heap[least], _heap[i]);
                i = least;
            }
        }
    }
}
