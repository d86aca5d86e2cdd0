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
internal static partial class WordQueryScorer
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
                var segmentBounds = keys is null ? null : SegmentBounds(similarity, query, layout, keys, leaf, window, readBoundsFrom);
                var afterDoc = after is null ? int.MaxValue : after.Doc - leaf.DocBase;
                for (var start = 0; start < leaf.AtomicReader.MaxDoc && !partial; start += WindowSize)
                {
                    var end = start + WindowSize;
                    var threshold = segmentBounds is not null && totalHits >= exactHits && top.IsFull ? top.MinScore : float.NegativeInfinity;
                    var skipped = 0;
                    if (!float.IsNegativeInfinity(threshold))
                    {
                        (skipped, var skippedBound) = pruning.Partition(segmentBounds!.For(start >> WindowBits), coord, threshold);
                        // Skipping only alternatives without postings leaves the count exact.
                        countExact &= skippedBound == 0;
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

    /// <summary>A time budget on a millisecond clock, as <see cref="TimeLimitingCollector"/> keeps it.</summary>
    public readonly record struct Deadline(Counter Clock, long Timeout)
    {
        public bool HasPassed => Clock.Value > Timeout;
    }
}
