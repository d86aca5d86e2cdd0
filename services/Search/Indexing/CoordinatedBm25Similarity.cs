using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// BM25 with Lucene's classic coordination factor: a document matching more of the query's
/// words scores proportionally higher. Plain BM25 in Lucene 4.8 disables coord, which lets a
/// short article repeating one common query word in every field outrank the article that
/// matches all of them ("ataque cibernético").
/// </summary>
public sealed class CoordinatedBm25Similarity(float k1 = 1.2f, float b = 0.75f, bool coordination = true) : BM25Similarity(k1, b)
{
    /// <summary>The similarity <paramref name="ranking"/> configures (k1, b, coordination).</summary>
    public static CoordinatedBm25Similarity From(RankingOptions ranking) => new(ranking.Bm25K1, ranking.Bm25B, ranking.Coordination);

    /// <inheritdoc />
    public override float Coord(int overlap, int maxOverlap) =>
        !coordination || maxOverlap == 0 ? 1f : overlap / (float)maxOverlap;

    /// <summary>BM25's inverse document frequency, exactly as Lucene's scorer computes it.</summary>
    public float TermIdf(long docFreq, long maxDoc) => Idf(docFreq, maxDoc);

    /// <summary>The field's average length, as Lucene's scorer computes it.</summary>
    public float AverageLength(CollectionStatistics field) => AvgFieldLength(field);

    /// <summary>
    /// The length part of BM25's denominator for each of the 256 encoded norms of a field, the
    /// table Lucene's own scorer builds: <c>k1 · (1 − b + b · length / average length)</c>.
    /// </summary>
    public float[] LengthNormTable(CollectionStatistics field)
    {
        var averageLength = AvgFieldLength(field);
        var table = new float[256];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = K1 * ((1 - B) + B * DecodeNormValue((byte)i) / averageLength);
        }

        return table;
    }
}
