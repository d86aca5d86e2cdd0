using System.Buffers;
using System.Numerics;
using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// Scores a <see cref="WordQuery"/> term at a time in windows of documents, with the same BM25
/// arithmetic as Lucene's scorers, and counts, pages and facets its matches in the same pass.
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
    /// every counted match fed to <paramref name="matches"/> (facets). Once <paramref name="deadline"/>
    /// has passed it stops with what it has, marked partial.
    /// <para>
    /// Once <paramref name="exactHits"/> matches are counted and the queue is full, it prunes as
    /// MaxScore does, one alternative of a word (a field's term or group) at a time: the
    /// alternatives whose bounds together (each word capped by its own bound, times the
    /// coordination they could reach) cannot beat the queue's last hit are no longer read window
    /// by window, only probed, strongest first, for documents the others match, until the
    /// document's bound falls below the queue. The long body postings of common words are the
    /// ones skipped. The top hits and their scores stay exact; documents that match only skipped
    /// alternatives are neither counted nor fed to <paramref name="matches"/>, so the count
    /// becomes a lower bound (<c>CountExact</c> false). A word with at least
    /// <paramref name="readBoundsFrom"/> postings in a segment is bounded per window by its real
    /// best score there, read once and kept while the segment lives.
    /// </para>
    /// </summary>
    public static (TopDocs Top, bool Partial, bool CountExact) Search(IndexSearcher searcher, CoordinatedBm25Similarity similarity, WordQuery query,
        Filter? filter, int wanted, ScoreDoc? after, ICollector? matches, Deadline? deadline = null, int exactHits = int.MaxValue,
        int readBoundsFrom = SegmentWordBounds.MinDocFreq)
    {
        var terms = TermScorers(searcher, similarity, query);
        var words = query.Words;
        var layout = new Layout(query, terms);
        var coord = new float[words.Count + 1];
        for (var i = 0; i < coord.Length; i++)
        {
            coord[i] = query.Coordinated ? similarity.Coord(i, words.Count) : 1f;
        }

        var bounds = WordBounds(query, terms);
        var keys = exactHits == int.MaxValue ? null : words.Select(WordKey).ToArray();
        var pruning = new Pruning(words.Count, layout);
        var window = new Window(words.Count, layout.Disjuncts);
        // As IndexSearcher does: never a queue longer than the index.
        var top = new HitQueue(Math.Max(1, Math.Min(wanted, searcher.IndexReader.MaxDoc)));
        var totalHits = 0;
        var partial = false;
        var countExact = true;
        try
        {
            foreach (var leaf in searcher.IndexReader.Leaves)
            {
                var segment = Segment.Open(leaf, terms, layout, filter);
                if (segment is null)
                {
                    continue;
                }

                matches?.SetNextReader(leaf);
                var segmentBounds = keys is null ? null : SegmentBounds(similarity, query, layout, bounds, keys, leaf, window, readBoundsFrom);
                var afterDoc = after is null ? int.MaxValue : after.Doc - leaf.DocBase;
                for (var start = 0; start < leaf.AtomicReader.MaxDoc && !partial; start += WindowSize)
                {
                    var end = start + WindowSize;
                    var threshold = segmentBounds is not null && totalHits >= exactHits && top.IsFull ? top.MinScore : float.NegativeInfinity;
                    var skipped = float.IsNegativeInfinity(threshold) ? 0 : pruning.Partition(segmentBounds!.For(start >> WindowBits), coord, threshold);
                    if (pruning.SkippedBound > 0)
                    {
                        countExact = false;
                    }

                    for (var k = skipped; k < layout.Disjuncts; k++)
                    {
                        segment.FillDisjunct(layout.ByBound[k], start, end, window);
                    }

                    var (block, bits) = (-1, 0UL);
                    for (int offset; (offset = window.NextSeen(ref block, ref bits)) >= 0;)
                    {
                        var doc = start + offset;
                        if ((segment.Accepted is { } accepted && !accepted.Get(doc)) || partial)
                        {
                            Discard(layout, window, offset);
                            continue;
                        }

                        if (deadline is { HasPassed: true })
                        {
                            // Checked per match, as Lucene's TimeLimitingCollector does.
                            partial = true;
                            Discard(layout, window, offset);
                            continue;
                        }

                        totalHits++;
                        matches?.Collect(doc);
                        if (skipped > 0 && !pruning.Competes(segment, window, doc, offset, skipped, coord, top))
                        {
                            Discard(layout, window, offset);
                            continue;
                        }

                        // Words summed in clause order, as Lucene's BooleanScorer does: the same float.
                        var total = 0f;
                        var overlap = 0;
                        for (var w = 0; w < words.Count; w++)
                        {
                            if (window.WordMasks[(w << WindowBits) + offset] != 0)
                            {
                                total += Combine(similarity, layout, words[w], w, window, offset);
                                overlap++;
                            }
                        }

                        var score = total * coord[overlap];
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
            window.Dispose();
        }

        var hits = wanted == 0 ? [] : top.Drain();
        return (new TopDocs(totalHits, hits, hits.Length == 0 ? float.NaN : hits.Max(h => h.Score)), partial, countExact);
    }

    // A word's score in one document: its best alternative plus the tie-breaker times the others
    // (DisjunctionMaxScorer), alternatives in order. Clears the document's slots of the word.
    private static float Combine(CoordinatedBm25Similarity similarity, Layout layout, WordQuery.Word word, int w, Window window, int offset)
    {
        var maskSlot = (w << WindowBits) + offset;
        var mask = window.WordMasks[maskSlot];
        window.WordMasks[maskSlot] = 0;
        var first = layout.First[w];
        float max = 0, sum = 0;
        var any = false;
        for (var d = 0; mask != 0; d++, mask >>= 1)
        {
            if ((mask & 1) == 0)
            {
                continue;
            }

            var slot = ((first + d) << WindowBits) + offset;
            var score = window.DisjunctScores[slot];
            if (word.Disjuncts[d] is { Coordinated: true } group)
            {
                // Lucene's coordination over the group's clauses, matched or not anywhere.
                score *= similarity.Coord(window.DisjunctMatches[slot], group.Terms.Count);
            }

            window.DisjunctScores[slot] = 0;
            window.DisjunctMatches[slot] = 0;
            if (!any || score > max)
            {
                max = score;
            }

            any = true;
            sum += score;
        }

        return max + (sum - max) * word.TieBreaker;
    }

    // Clears a document that will not be scored.
    private static void Discard(Layout layout, Window window, int offset)
    {
        for (var w = 0; w < layout.First.Length - 1; w++)
        {
            var maskSlot = (w << WindowBits) + offset;
            var mask = window.WordMasks[maskSlot];
            window.WordMasks[maskSlot] = 0;
            for (var d = 0; mask != 0; d++, mask >>= 1)
            {
                if ((mask & 1) != 0)
                {
                    var slot = ((layout.First[w] + d) << WindowBits) + offset;
                    window.DisjunctScores[slot] = 0;
                    window.DisjunctMatches[slot] = 0;
                }
            }
        }
    }

    // Each word's bound in one segment, window by window: for words common enough to be worth
    // reading once, its real best score in each window (kept per segment, as Lucene 8 keeps
    // impacts per block); else the bound from its terms' statistics.
    private static WindowBounds SegmentBounds(CoordinatedBm25Similarity similarity, WordQuery query, Layout layout, float[] bounds,
        string[] keys, AtomicReaderContext leaf, Window window, int readBoundsFrom)
    {
        var perWindow = new float[bounds.Length][];
        var scales = new float[bounds.Length];
        for (var w = 0; w < bounds.Length; w++)
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

        return new WindowBounds(bounds, perWindow, scales);
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

        /// <summary>What the skipped alternatives could add together, zero when none is skipped.</summary>
        public double SkippedBound { get; private set; }

        /// <summary>
        /// How many of the weakest alternatives (<see cref="Layout.ByBound"/>) cannot lift a
        /// document to <paramref name="threshold"/> on their own: each word's share capped by
        /// its bound in this window, times the coordination of the words they belong to.
        /// </summary>
        public int Partition(float[] wordCaps, float[] coord, float threshold)
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

            SkippedBound = total;
            return skipped;
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

    // Each word's highest possible score: BM25 grows with the term frequency and falls with the
    // length, so a term scores at most with its highest possible frequency (no document holds
    // more than totalTermFreq − docFreq + 1) in the field's shortest document; a word, at most its
    // best alternative plus the tie-breaker times the others. Slightly raised so that rounding
    // in the other order of additions never prunes a document that would have entered the top.
    private static float[] WordBounds(WordQuery query, List<TermScorer> terms)
    {
        var bounds = new float[query.Words.Count];
        for (var w = 0; w < bounds.Length; w++)
        {
            var disjuncts = new double[query.Words[w].Disjuncts.Count];
            foreach (var term in terms.Where(t => t.Word == w))
            {
                disjuncts[term.Disjunct] += term.Bound;
            }

            var tieBreaker = query.Words[w].TieBreaker;
            bounds[w] = disjuncts.Length == 0 ? 0 : (float)(((1 - tieBreaker) * disjuncts.Max() + tieBreaker * disjuncts.Sum()) * 1.001);
        }

        return bounds;
    }

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

    /// <summary>A time budget on a millisecond clock, as <see cref="TimeLimitingCollector"/> keeps it.</summary>
    public readonly record struct Deadline(Counter Clock, long Timeout)
    {
        public bool HasPassed => Clock.Value > Timeout;
    }

    private sealed record TermScorer(int Word, int Disjunct, Term Term, TermContext Context, float Weight, float[] LengthNorms, float K1, double Bound, float AverageLength);

    /// <summary>Per-window work arrays, rented once per search.</summary>
    private sealed class Window : IDisposable
    {
        public Window(int words, int disjuncts)
        {
            DisjunctScores = Rent<float>(disjuncts * WindowSize);
            DisjunctMatches = Rent<byte>(disjuncts * WindowSize);
            WordMasks = Rent<int>(words * WindowSize);
            Seen = Rent<ulong>(WindowSize / 64);
        }

        /// <summary>Per alternative and document: the summed scores of its terms.</summary>
        public float[] DisjunctScores { get; }

        /// <summary>Per alternative and document: how many of its terms matched.</summary>
        public byte[] DisjunctMatches { get; }

        /// <summary>Per word and document: a bit per alternative that matched.</summary>
        public int[] WordMasks { get; }

        /// <summary>A bit per document some alternative matched in this window.</summary>
        public ulong[] Seen { get; }

        /// <summary>
        /// The next marked document of the window, lowest first, clearing the marks as it goes
        /// (start with block −1 and no bits); −1 when none is left.
        /// </summary>
        public int NextSeen(ref int block, ref ulong bits)
        {
            while (bits == 0)
            {
                if (++block == WindowSize / 64)
                {
                    return -1;
                }

                bits = Seen[block];
                Seen[block] = 0;
            }

            var offset = (block << 6) + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            return offset;
        }

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(DisjunctScores);
            ArrayPool<byte>.Shared.Return(DisjunctMatches);
            ArrayPool<int>.Shared.Return(WordMasks);
            ArrayPool<ulong>.Shared.Return(Seen);
        }

        // Pooled arrays come back dirty: each search starts from zeros and leaves zeros behind.
        private static T[] Rent<T>(int length)
        {
            var array = ArrayPool<T>.Shared.Rent(length);
            Array.Clear(array, 0, length);
            return array;
        }
    }

    /// <summary>The postings of every query term in one segment, read window by window or probed document by document.</summary>
    private sealed class Segment
    {
        private readonly DocsEnum[] _docs;
        private readonly byte[]?[] _norms;
        private readonly TermScorer[] _terms;
        private readonly int[] _current;
        private readonly int[][] _byDisjunct;
        private readonly int[] _wordOf;
        private readonly int[] _first;

        private Segment(List<(TermScorer Term, DocsEnum Docs, byte[]? Norms)> postings, Layout layout, IBits? accepted)
        {
            _terms = postings.Select(p => p.Term).ToArray();
            _docs = postings.Select(p => p.Docs).ToArray();
            _norms = postings.Select(p => p.Norms).ToArray();
            _current = _docs.Select(d => d.NextDoc()).ToArray();
            _first = layout.First;
            _wordOf = layout.WordOf;
            // Terms in query order within each alternative: their scores add up in Lucene's order.
            var byDisjunct = new List<int>[layout.Disjuncts];
            for (var i = 0; i < _terms.Length; i++)
            {
                var g = _first[_terms[i].Word] + _terms[i].Disjunct;
                (byDisjunct[g] ??= []).Add(i);
            }

            _byDisjunct = byDisjunct.Select(list => list?.ToArray() ?? []).ToArray();
            Accepted = accepted;
        }

        /// <summary>Documents the filter lets through, or null without a filter.</summary>
        public IBits? Accepted { get; }

        public static Segment? Open(AtomicReaderContext leaf, List<TermScorer> terms, Layout layout, Filter? filter)
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

            return postings.Count == 0 ? null : new Segment(postings, layout, accepted);
        }

        /// <summary>Adds each posting of alternative <paramref name="g"/> in [start, end) to its slot and marks its documents.</summary>
        public void FillDisjunct(int g, int start, int end, Window window)
        {
            var scores = window.DisjunctScores;
            var counts = window.DisjunctMatches;
            var masks = window.WordMasks;
            var seen = window.Seen;
            var slotBase = g << WindowBits;
            var maskBase = _wordOf[g] << WindowBits;
            var bit = 1 << (g - _first[_wordOf[g]]);
            foreach (var i in _byDisjunct[g])
            {
                var doc = _current[i];
                var docs = _docs[i];
                if (doc < start)
                {
                    // Only probed so far (skipped in earlier windows).
                    doc = _current[i] = docs.Advance(start);
                }

                if (doc >= end)
                {
                    continue;
                }

                var term = _terms[i];
                var norms = _norms[i];
                var lengthNorms = term.LengthNorms;
                var weight = term.Weight;
                do
                {
                    var offset = doc - start;
                    float freq = docs.Freq;
                    var norm = norms is null ? term.K1 : lengthNorms[norms[doc]];
                    scores[slotBase + offset] += weight * freq / (freq + norm);
                    counts[slotBase + offset]++;
                    masks[maskBase + offset] |= bit;
                    seen[offset >> 6] |= 1UL << (offset & 63);
                    doc = docs.NextDoc();
                }
                while (doc < end);

                _current[i] = doc;
            }
        }

        /// <summary>
        /// Moves alternative <paramref name="g"/>'s postings to <paramref name="doc"/> (documents in
        /// increasing order) and adds those holding it as <see cref="FillDisjunct"/> does; true with
        /// the alternative's summed score when some term holds it.
        /// </summary>
        public bool ProbeDisjunct(int g, int doc, int offset, Window window, out float value)
        {
            var slot = (g << WindowBits) + offset;
            var found = false;
            foreach (var i in _byDisjunct[g])
            {
                var current = _current[i];
                if (current < doc)
                {
                    current = _current[i] = _docs[i].Advance(doc);
                }

                if (current != doc)
                {
                    continue;
                }

                var term = _terms[i];
                float freq = _docs[i].Freq;
                var norm = _norms[i] is { } norms ? term.LengthNorms[norms[doc]] : term.K1;
                window.DisjunctScores[slot] += term.Weight * freq / (freq + norm);
                window.DisjunctMatches[slot]++;
                found = true;
            }

            if (found)
            {
                window.WordMasks[(_wordOf[g] << WindowBits) + offset] |= 1 << (g - _first[_wordOf[g]]);
            }

            value = window.DisjunctScores[slot];
            return found;
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

        public bool IsFull => _count == _heap.Length;

        /// <summary>The score a new hit must beat (or tie with a lower document) once the queue is full.</summary>
        public float MinScore => _heap[0].Score;

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
