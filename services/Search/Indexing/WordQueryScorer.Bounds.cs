using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace SeedSearch.Search.Indexing;

// The word scorer's score bounds for top-k pruning and its per-query term set-up.
internal static partial class WordQueryScorer
{
    // Each word's bound in one segment, window by window: for words common enough to be worth
    // reading once, its real best score in each window (kept per segment, as Lucene 8 keeps
    // impacts per block); else the bound from its terms' statistics.
    private static WindowBounds SegmentBounds(CoordinatedBm25Similarity similarity, WordQuery query, Layout layout, string[] keys,
        AtomicReaderContext leaf, Window window, int readBoundsFrom)
    {
        var words = layout.WordBounds.Length;
        var perWindow = new float[words][];
        var scales = new float[words];
        for (var w = 0; w < words; w++)
        {
            var docFreq = 0;
            foreach (var term in layout.TermsOf[w])
            {
                docFreq += term.Context.Get(leaf.Ord) is BlockTermState state ? state.DocFreq : 0;
            }

            if (docFreq < readBoundsFrom)
            {
                continue;
            }

            var word = w;
            (perWindow[w], scales[w]) = SegmentWordBounds.For(leaf.AtomicReader.CoreCacheKey, keys[w], layout.WeightsOf[w], layout.AverageLengthsOf[w],
                () => BestScores(similarity, query.Words[word], word, layout, layout.TermsOf[word], leaf, window));
        }

        return new WindowBounds(layout.WordBounds, perWindow, scales);
    }

    // The word's best score in each window of the segment's live documents, scored alone as the search scores it.
    private static float[] BestScores(CoordinatedBm25Similarity similarity, WordQuery.Word word, int w, Layout layout, List<TermScorer> terms,
        AtomicReaderContext leaf, Window window)
    {
        var segment = Segment.Open(leaf, terms, layout, null);
        var best = new float[(leaf.AtomicReader.MaxDoc + WindowSize - 1) >> WindowBits];
        for (var start = 0; segment is not null && start < leaf.AtomicReader.MaxDoc; start += WindowSize)
        {
            for (var d = 0; d < word.Disjuncts.Count; d++)
            {
                segment.FillDisjunct(layout.First[w] + d, start, start + WindowSize, window);
            }

            ref var max = ref best[start >> WindowBits];
            var (block, bits) = (-1, 0UL);
            for (int offset; (offset = window.NextSeen(ref block, ref bits)) >= 0;)
            {
                max = Math.Max(max, Combine(similarity, layout, word, w, window, offset));
            }
        }

        return best;
    }

    /// <summary>Where each word's alternatives sit in the flat list of the query's alternatives, and their bounds.</summary>
    private sealed class Layout
    {
        public Layout(WordQuery query, List<TermScorer> terms)
        {
            First = new int[query.Words.Count + 1];
            for (var w = 0; w < query.Words.Count; w++)
            {
                First[w + 1] = First[w] + query.Words[w].Disjuncts.Count;
            }

            Disjuncts = First[^1];
            WordOf = new int[Disjuncts];
            for (var w = 0; w < query.Words.Count; w++)
            {
                for (var g = First[w]; g < First[w + 1]; g++)
                {
                    WordOf[g] = w;
                }
            }

            // An alternative scores at most the sum of its terms' bounds (a group's coordination is
            // at most 1), raised slightly against rounding in another order of additions.
            var bounds = new double[Disjuncts];
            foreach (var term in terms)
            {
                bounds[First[term.Word] + term.Disjunct] += term.Bound;
            }

            Bounds = bounds.Select(b => (float)(b * 1.001)).ToArray();
            // A word scores at most its best alternative plus the tie-breaker times the others.
            WordBounds = query.Words.Select((word, w) => First[w] == First[w + 1] ? 0f
                : (1 - word.TieBreaker) * Bounds[First[w]..First[w + 1]].Max() + word.TieBreaker * Bounds[First[w]..First[w + 1]].Sum()).ToArray();
            TermsOf = Enumerable.Range(0, query.Words.Count).Select(w => terms.Where(t => t.Word == w).ToList()).ToArray();
            WeightsOf = TermsOf.Select(ts => ts.Select(t => t.Weight).ToArray()).ToArray();
            AverageLengthsOf = TermsOf.Select(ts => ts.Select(t => t.AverageLength).ToArray()).ToArray();
            ByBound = Enumerable.Range(0, Disjuncts).OrderBy(g => Bounds[g]).ToArray();
        }

        /// <summary>Index of each word's first alternative; the last entry is the total.</summary>
        public int[] First { get; }

        public int Disjuncts { get; }

        public int[] WordOf { get; }

        /// <summary>Each word's terms (in query order), their weights and their fields' average lengths.</summary>
        public List<TermScorer>[] TermsOf { get; }

        public float[][] WeightsOf { get; }

        public float[][] AverageLengthsOf { get; }

        public float[] Bounds { get; }

        /// <summary>Each word's bound from its alternatives' bounds, for the whole index.</summary>
        public float[] WordBounds { get; }

        /// <summary>The alternatives by ascending bound: a prefix of it is what a window skips.</summary>
        public int[] ByBound { get; }
    }

    /// <summary>A window's split of the alternatives into read and skipped, and the per-document check of the skipped.</summary>
    private sealed class Pruning(int words, Layout layout)
    {
        // The bound adds the alternatives' scores in double precision and another order than the
        // score does: a little slack keeps a document whose float score ties the queue.
        private const double Slack = 1.0001;

        private readonly float[] _caps = new float[words];
        private readonly double[] _skippedSum = new double[words];
        private readonly int[] _skippedCount = new int[words];
        private readonly double[] _known = new double[words];
        private readonly double[] _remaining = new double[words];
        private readonly int[] _remainingCount = new int[words];
        private readonly double[] _wordBound = new double[words];

        /// <summary>
        /// How many of the weakest alternatives (<see cref="Layout.ByBound"/>) cannot lift a
        /// document to <paramref name="threshold"/> on their own: each word's share capped by
        /// its bound in this window, times the coordination of the words they belong to; and what
        /// those alternatives could add together (zero when none of them has postings).
        /// </summary>
        public (int Skipped, double SkippedBound) Partition(float[] wordCaps, float[] coord, float threshold)
        {
            Array.Copy(wordCaps, _caps, words);
            Array.Clear(_skippedSum);
            Array.Clear(_skippedCount);
            double total = 0;
            var wordsIn = 0;
            var skipped = 0;
            for (; skipped < layout.Disjuncts; skipped++)
            {
                var g = layout.ByBound[skipped];
                var w = layout.WordOf[g];
                var sum = _skippedSum[w] + layout.Bounds[g];
                var next = total + Math.Min(_caps[w], sum) - Math.Min(_caps[w], _skippedSum[w]);
                var nextWords = wordsIn + (_skippedCount[w] == 0 ? 1 : 0);
                if (!(coord[nextWords] * next < threshold))
                {
                    break;
                }

                _skippedSum[w] = sum;
                _skippedCount[w]++;
                total = next;
                wordsIn = nextWords;
            }

            return (skipped, total);
        }

        /// <summary>
        /// Probes the skipped alternatives for <paramref name="doc"/>, strongest first, while it
        /// can still enter <paramref name="top"/>; false as soon as it cannot.
        /// </summary>
        public bool Competes(Segment segment, Window window, int doc, int offset, int skipped, float[] coord, HitQueue top)
        {
            double bound = 0;
            var possible = 0;
            for (var w = 0; w < words; w++)
            {
                var mask = window.WordMasks[(w << WindowBits) + offset];
                double known = 0;
                for (var d = 0; mask != 0; d++, mask >>= 1)
                {
                    if ((mask & 1) != 0)
                    {
                        known += window.DisjunctScores[((layout.First[w] + d) << WindowBits) + offset];
                    }
                }

                _known[w] = known;
                _remaining[w] = _skippedSum[w];
                _remainingCount[w] = _skippedCount[w];
                _wordBound[w] = Math.Min(_caps[w], known + _skippedSum[w]);
                bound += _wordBound[w];
                possible += window.WordMasks[(w << WindowBits) + offset] != 0 || _skippedCount[w] > 0 ? 1 : 0;
            }

            for (var k = skipped - 1; k >= 0; k--)
            {
                if (top.IsFull && coord[possible] * bound * Slack < top.MinScore)
                {
                    return false;
                }

                var g = layout.ByBound[k];
                var w = layout.WordOf[g];
                var matched = segment.ProbeDisjunct(g, doc, offset, window, out var value);
                _remainingCount[w]--;
                _remaining[w] = _remainingCount[w] == 0 ? 0 : _remaining[w] - layout.Bounds[g];
                _known[w] += value;
                var wordBound = Math.Min(_caps[w], _known[w] + _remaining[w]);
                bound += wordBound - _wordBound[w];
                _wordBound[w] = wordBound;
                if (!matched && _remainingCount[w] == 0 && window.WordMasks[(w << WindowBits) + offset] == 0)
                {
                    possible--;
                }
            }

            return !top.IsFull || !(coord[possible] * bound * Slack < top.MinScore);
        }
    }

    /// <summary>Per word: a bound for the whole index, and for some words one per window of this segment.</summary>
    private sealed class WindowBounds(float[] bounds, float[]?[] perWindow, float[] scales)
    {
        private readonly float[] _current = new float[bounds.Length];

        /// <summary>Each word's bound in window <paramref name="index"/> (an array reused per call).</summary>
        public float[] For(int index)
        {
            for (var w = 0; w < _current.Length; w++)
            {
                // Raised slightly: the search adds word scores in another order than the bound.
                _current[w] = perWindow[w] is { } windows ? Math.Min(bounds[w], windows[index] * scales[w] * 1.001f) : bounds[w];
            }

            return _current;
        }
    }

    // Identifies a word by its terms, fields, boosts and tie-breaker: the same word in any query.
    private static string WordKey(WordQuery.Word word) =>
        string.Join('\u0002', word.Disjuncts.Select(d => (d.Coordinated ? "c" : "s") + string.Join('\u0001', d.Terms.Select(t => $"{t.Term.Field}\u0001{t.Term.Text}\u0001{t.Boost:R}"))))
        + $"\u0002{word.TieBreaker:R}";

    private static List<TermScorer> TermScorers(IndexSearcher searcher, CoordinatedBm25Similarity similarity, WordQuery query)
    {
        var scorers = new List<TermScorer>();
        var lengthNorms = new Dictionary<string, (float[] Table, long MaxDoc, float Shortest, float AverageLength)>(StringComparer.Ordinal);
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
                        var table = similarity.LengthNormTable(statistics);
                        field = (table, statistics.MaxDoc, ShortestLengthNorm(searcher.IndexReader, term.Term.Field, table, similarity.K1),
                            similarity.AverageLength(statistics));
                        lengthNorms[term.Term.Field] = field;
                    }

                    // Lucene's BM25: weight = idf · boost, scored as weight · (k1 + 1) · f / (f + norm).
                    var weight = similarity.TermIdf(context.DocFreq, field.MaxDoc) * term.Boost;
                    // No document holds the term more often than this; a field without frequencies reports −1.
                    double highestFreq = context.TotalTermFreq >= context.DocFreq ? context.TotalTermFreq - context.DocFreq + 1 : double.PositiveInfinity;
                    var bound = double.IsPositiveInfinity(highestFreq) ? 1 : highestFreq / (highestFreq + field.Shortest);
                    scorers.Add(new TermScorer(w, d, term.Term, context, weight * (similarity.K1 + 1), field.Table, similarity.K1,
                        weight * (similarity.K1 + 1) * bound, field.AverageLength));
                }
            }
        }

        return scorers;
    }

    // The smallest length part of BM25's denominator any document of the index has in the field.
    private static float ShortestLengthNorm(IndexReader reader, string field, float[] table, float k1)
    {
        var shortest = float.PositiveInfinity;
        foreach (var leaf in reader.Leaves)
        {
            var present = SegmentNorms.Present(leaf.AtomicReader, field);
            if (present is null)
            {
                // Without norms Lucene's scorer uses k1 alone.
                shortest = Math.Min(shortest, k1);
                continue;
            }

            foreach (var norm in present)
            {
                shortest = Math.Min(shortest, table[norm]);
            }
        }

        return float.IsPositiveInfinity(shortest) ? 0 : shortest;
    }

    private sealed record TermScorer(int Word, int Disjunct, Term Term, TermContext Context, float Weight, float[] LengthNorms, float K1, double Bound, float AverageLength);
}
