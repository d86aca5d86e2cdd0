using System.Buffers;
using System.Numerics;
using Lucene.Net.Codecs;
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
    /// every counted match fed to <paramref name="matches"/> (facets). Once <paramref name="deadline"/>
    /// has passed it stops with what it has, marked partial.
    /// <para>
    /// Once <paramref name="exactHits"/> matches are counted and the queue is full, it prunes as
    /// MaxScore does: the words whose score bounds together (times the coordination they could
    /// reach) cannot beat the queue's last hit are no longer read window by window, only probed
    /// for documents the other words match. The top hits and their scores stay exact; documents
    /// that match only such words are neither counted nor fed to <paramref name="matches"/>, so
    /// the count becomes a lower bound (<c>CountExact</c> false). A word with at least
    /// <paramref name="readBoundsFrom"/> postings in a segment is bounded by its real best score
    /// there, read once and kept while the segment lives.
    /// </para>
    /// </summary>
    public static (TopDocs Top, bool Partial, bool CountExact) Search(IndexSearcher searcher, CoordinatedBm25Similarity similarity, WordQuery query,
        Filter? filter, int wanted, ScoreDoc? after, ICollector? matches, Deadline? deadline = null, int exactHits = int.MaxValue,
        int readBoundsFrom = SegmentWordBounds.MinDocFreq)
    {
        var terms = TermScorers(searcher, similarity, query);
        var words = query.Words;
        var coord = new float[words.Count + 1];
        for (var i = 0; i < coord.Length; i++)
        {
            coord[i] = query.Coordinated ? similarity.Coord(i, words.Count) : 1f;
        }

        var bounds = WordBounds(query, terms);
        var keys = exactHits == int.MaxValue ? null : words.Select(WordKey).ToArray();
        var byBound = Enumerable.Range(0, words.Count).ToArray();
        var prefix = new float[words.Count + 1];
        var maxDisjuncts = words.Max(w => w.Disjuncts.Count);
        var window = new Window(words.Count, maxDisjuncts);
        // As IndexSearcher does: never a queue longer than the index.
        var top = new HitQueue(Math.Max(1, Math.Min(wanted, searcher.IndexReader.MaxDoc)));
        var totalHits = 0;
        var partial = false;
        var countExact = true;
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
                var segmentBounds = keys is null ? null : SegmentBounds(similarity, query, terms, bounds, keys, leaf, window, readBoundsFrom);
                var afterDoc = after is null ? int.MaxValue : after.Doc - leaf.DocBase;
                for (var start = 0; start < leaf.AtomicReader.MaxDoc && !partial; start += WindowSize)
                {
                    var end = start + WindowSize;
                    // Words [0, skipped) of byBound cannot make a document competitive on their own.
                    var threshold = segmentBounds is not null && totalHits >= exactHits && top.IsFull ? top.MinScore : float.NegativeInfinity;
                    var skipped = 0;
                    if (!float.IsNegativeInfinity(threshold))
                    {
                        // Words by ascending bound in this window; prefix[m] bounds what the m weakest add together.
                        var windowBounds = segmentBounds!.For(start >> WindowBits);
                        for (var w = 0; w < byBound.Length; w++)
                        {
                            byBound[w] = w;
                        }

                        Array.Sort(windowBounds, byBound);
                        for (var m = 0; m < words.Count; m++)
                        {
                            prefix[m + 1] = prefix[m] + windowBounds[m];
                        }

                        while (skipped < words.Count && coord[skipped + 1] * prefix[skipped + 1] < threshold)
                        {
                            skipped++;
                        }

                        if (prefix[skipped] > 0)
                        {
                            countExact = false;
                        }
                    }

                    for (var w = skipped; w < words.Count; w++)
                    {
                        var word = byBound[w];
                        var matchedDocs = segment.FillWord(word, start, end, window);
                        CombineWord(similarity, words[word], word, matchedDocs, window);
                    }

                    for (var block = 0; block < WindowSize / 64; block++)
                    {
                    var bits = window.Seen[block];
                    window.Seen[block] = 0;
                    while (bits != 0)
                    {
                        var offset = (block << 6) + BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        var doc = start + offset;
                        var overlap = window.Overlaps[offset];
                        var sum = window.Partial[offset];
                        window.Overlaps[offset] = 0;
                        window.Partial[offset] = 0;
                        if ((segment.Accepted is { } accepted && !accepted.Get(doc)) || partial)
                        {
                            window.ClearWordScores(offset);
                            continue;
                        }

                        if (deadline is { HasPassed: true })
                        {
                            // Checked per match, as Lucene's TimeLimitingCollector does.
                            partial = true;
                            window.ClearWordScores(offset);
                            continue;
                        }

                        totalHits++;
                        matches?.Collect(doc);
                        var competitive = true;
                        for (var m = skipped - 1; m >= 0; m--)
                        {
                            // Strongest skipped word first: the bound falls fastest.
                            threshold = top.IsFull ? top.MinScore : float.NegativeInfinity;
                            if (coord[overlap + m + 1] * (sum + prefix[m + 1]) < threshold)
                            {
                                competitive = false;
                                break;
                            }

                            var word = byBound[m];
                            if (segment.ProbeWord(word, doc, start, window) is { } matchedOffset)
                            {
                                CombineWord(similarity, words[word], word, 1, window);
                                sum += window.Partial[matchedOffset];
                                overlap++;
                                window.Partial[matchedOffset] = 0;
                                window.Overlaps[matchedOffset] = 0;
                                window.Seen[block] &= ~(1UL << (offset & 63));
                            }
                        }

                        if (!competitive)
                        {
                            window.ClearWordScores(offset);
                            continue;
                        }

                        // Summed in clause order, as Lucene's BooleanScorer does: the same float.
                        var score = window.TakeScore(offset) * coord[overlap];
                        if (after is not null && (score > after.Score || (score == after.Score && doc <= afterDoc)))
                        {
                            // Shown on an earlier page.
                            continue;
                        }

                        top.Offer(leaf.DocBase + doc, score);
                    }
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

    // A word's score per document: its best alternative plus the tie-breaker times the others
    // (DisjunctionMaxScorer). Kept per word so the total is summed in clause order at the end.
    private static void CombineWord(CoordinatedBm25Similarity similarity, WordQuery.Word word, int wordIndex, int matchedDocs, Window window)
    {
        var disjunctScores = window.DisjunctScores;
        var disjunctMatches = window.DisjunctMatches;
        var masks = window.Masks;
        var touched = window.Touched;
        var wordScores = window.WordScores;
        var wordBase = wordIndex << WindowBits;
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

            var wordScore = max + (sum - max) * word.TieBreaker;
            wordScores[wordBase + offset] = wordScore;
            window.Partial[offset] += wordScore;
            window.Overlaps[offset]++;
            window.MarkCandidate(offset);
        }
    }

    // Each word's bound in one segment, window by window: for words common enough to be worth
    // reading once, its real best score in each window (kept per segment, as Lucene 8 keeps
    // impacts per block); else the bound from its terms' statistics.
    private static WindowBounds SegmentBounds(CoordinatedBm25Similarity similarity, WordQuery query, List<TermScorer> terms, float[] bounds, string[] keys,
        AtomicReaderContext leaf, Window window, int readBoundsFrom)
    {
        var perWindow = new float[bounds.Length][];
        var scales = new float[bounds.Length];
        for (var w = 0; w < bounds.Length; w++)
        {
            var wordTerms = terms.Where(t => t.Word == w).ToList();
            var docFreq = wordTerms.Sum(t => t.Context.Get(leaf.Ord) is BlockTermState state ? state.DocFreq : 0);
            if (docFreq < readBoundsFrom)
            {
                continue;
            }

            var word = w;
            (perWindow[w], scales[w]) = SegmentWordBounds.For(leaf.AtomicReader.CoreCacheKey, keys[w], wordTerms.Select(t => t.Weight).ToArray(),
                wordTerms.Select(t => t.AverageLength).ToArray(), () => BestScores(similarity, query.Words[word], word, wordTerms, leaf, window));
        }

        return new WindowBounds(bounds, perWindow, scales);
    }

    // The word's best score in each window of the segment's live documents, scored alone as the search scores it.
    private static float[] BestScores(CoordinatedBm25Similarity similarity, WordQuery.Word word, int index, List<TermScorer> terms, AtomicReaderContext leaf,
        Window window)
    {
        var segment = Segment.Open(leaf, terms, index + 1, null);
        var best = new float[(leaf.AtomicReader.MaxDoc + WindowSize - 1) >> WindowBits];
        for (var start = 0; segment is not null && start < leaf.AtomicReader.MaxDoc; start += WindowSize)
        {
            var matched = segment.FillWord(index, start, start + WindowSize, window);
            CombineWord(similarity, word, index, matched, window);
            ref var max = ref best[start >> WindowBits];
            for (var t = 0; t < matched; t++)
            {
                var offset = window.Touched[t];
                max = Math.Max(max, window.WordScores[(index << WindowBits) + offset]);
                window.WordScores[(index << WindowBits) + offset] = 0;
                window.Partial[offset] = 0;
                window.Overlaps[offset] = 0;
            }

            Array.Clear(window.Seen);
        }

        return best;
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
        private readonly int _words;

        public Window(int words, int maxDisjuncts)
        {
            _words = words;
            DisjunctScores = Rent<float>(maxDisjuncts * WindowSize);
            DisjunctMatches = Rent<byte>(maxDisjuncts * WindowSize);
            WordScores = Rent<float>(words * WindowSize);
            Masks = Rent<int>(WindowSize);
            Touched = Rent<int>(WindowSize);
            Partial = Rent<float>(WindowSize);
            Overlaps = Rent<int>(WindowSize);
            Seen = Rent<ulong>(WindowSize / 64);
        }

        /// <summary>Per alternative and document: the summed scores of its terms.</summary>
        public float[] DisjunctScores { get; }

        /// <summary>Per alternative and document: how many of its terms matched.</summary>
        public byte[] DisjunctMatches { get; }

        /// <summary>Per word and document: the word's score, zero where it did not match.</summary>
        public float[] WordScores { get; }

        /// <summary>Per document: the alternatives of the current word that matched.</summary>
        public int[] Masks { get; }

        /// <summary>The documents the current word matched, in the order first seen.</summary>
        public int[] Touched { get; }

        /// <summary>Per document: the scores of the words read so far (any order: only for bounds).</summary>
        public float[] Partial { get; }

        /// <summary>Per document: how many words matched so far.</summary>
        public int[] Overlaps { get; }

        /// <summary>A bit per document some word matched in this window.</summary>
        public ulong[] Seen { get; }

        public void MarkCandidate(int offset) => Seen[offset >> 6] |= 1UL << (offset & 63);

        /// <summary>The document's total over every word in clause order; clears its word scores.</summary>
        public float TakeScore(int offset)
        {
            var total = 0f;
            for (var w = 0; w < _words; w++)
            {
                var slot = (w << WindowBits) + offset;
                var score = WordScores[slot];
                if (score != 0)
                {
                    total += score;
                    WordScores[slot] = 0;
                }
            }

            return total;
        }

        public void ClearWordScores(int offset)
        {
            for (var w = 0; w < _words; w++)
            {
                WordScores[(w << WindowBits) + offset] = 0;
            }
        }

        public void Dispose()
        {
            ArrayPool<float>.Shared.Return(DisjunctScores);
            ArrayPool<byte>.Shared.Return(DisjunctMatches);
            ArrayPool<float>.Shared.Return(WordScores);
            ArrayPool<int>.Shared.Return(Masks);
            ArrayPool<int>.Shared.Return(Touched);
            ArrayPool<float>.Shared.Return(Partial);
            ArrayPool<int>.Shared.Return(Overlaps);
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
        /// score; returns how many documents matched, listed in the window's touched list.
        /// </summary>
        public int FillWord(int word, int start, int end, Window window)
        {
            var scores = window.DisjunctScores;
            var counts = window.DisjunctMatches;
            var masks = window.Masks;
            var touched = window.Touched;
            var matched = 0;
            foreach (var i in _byWord[word])
            {
                var doc = _current[i];
                var docs = _docs[i];
                if (doc < start)
                {
                    // Only probed so far (a word that could not compete on its own).
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

        /// <summary>
        /// Moves word <paramref name="word"/>'s postings to <paramref name="doc"/> (documents in
        /// increasing order) and, when some term holds it, adds them as <see cref="FillWord"/>
        /// does and lists the document as the only touched one; returns its window offset then.
        /// </summary>
        public int? ProbeWord(int word, int doc, int start, Window window)
        {
            var offset = doc - start;
            var found = false;
            foreach (var i in _byWord[word])
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
                var slot = (term.Disjunct << WindowBits) + offset;
                window.DisjunctScores[slot] += term.Weight * freq / (freq + norm);
                window.DisjunctMatches[slot]++;
                window.Masks[offset] |= 1 << term.Disjunct;
                found = true;
            }

            if (!found)
            {
                return null;
            }

            window.Touched[0] = offset;
            return offset;
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
