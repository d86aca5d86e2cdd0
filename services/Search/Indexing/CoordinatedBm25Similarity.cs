using Lucene.Net.Search.Similarities;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// BM25 with Lucene's classic coordination factor: a document matching more of the query's
/// words scores proportionally higher. Plain BM25 in Lucene 4.8 disables coord, which lets a
/// short article repeating one common query word in every field outrank the article that
/// matches all of them ("ataque cibernético").
/// </summary>
public sealed class CoordinatedBm25Similarity(float k1 = 1.2f, float b = 0.75f, bool coordination = true) : BM25Similarity(k1, b)
{
    /// <inheritdoc />
    public override float Coord(int overlap, int maxOverlap) =>
        !coordination || maxOverlap == 0 ? 1f : overlap / (float)maxOverlap;
}
