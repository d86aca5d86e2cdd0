using System.Buffers;
using System.Numerics;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SeedSearch.Search.Indexing;

// The word scorer's window arrays, per-segment postings and hit queue.
internal static partial class WordQueryScorer
{
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
