using Lucene.Net.Search.Similarities;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// BM25 with Lucene's classic coordination factor: a document matching more of the query's
/// words scores proportionally higher. Plain BM25 in Lucene 4.8 disables coord, which lets a
/// short article repeating one common query word in every field outrank the article that
/// matches all of them ("ataque cibernético").
/// </summary>
public sealed class CoordinatedBm25Similarity : BM25Similarity
{
    /// <inheritdoc />
    public override float Coord(int overlap, int maxOverlap) => maxOverlap == 0 ? 1f : overlap / (float)maxOverlap;
}
