using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.Duplicates;

/// <summary>What an article's document carries about its copies.</summary>
/// <param name="Cluster">The label it shares with its copies.</param>
/// <param name="Signature">Its stored MinHash signature.</param>
/// <param name="Bands">Its band keys.</param>
public sealed record DuplicateInfo(string Cluster, byte[] Signature, IReadOnlyList<string> Bands);

/// <summary>
/// Puts each article written into a near-duplicate cluster as it is indexed: the articles sharing
/// a band key with it (in the index, or written since the searcher last reopened) are candidates,
/// their stored signatures confirm the closest, and the article takes that one's label or starts
/// its own. Labels live in the documents, so they survive restarts; a changed article is placed
/// again. Used under the index's write gate only.
/// </summary>
internal sealed class ClusterAssigner(DuplicateOptions options)
{
    // A band key shared by this many documents is boilerplate, not a story: it stops being looked at.
    private const int MaxCandidatesPerBand = 256;

    // Written since the searcher last reopened: by band key, and by id to forget a rewritten one.
    private readonly Dictionary<string, List<Pending>> _pendingByBand = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pending> _pendingById = new(StringComparer.Ordinal);
    // Every band key written, built from the index at the first write after opening it.
    private BandKeyFilter? _filter;

    /// <summary>The signature of <paramref name="article"/>, or null when it is too short or clustering is off (thread-safe).</summary>
    public TextSignature? Sign(IndexedArticle article) => options.Enabled ? TextSignature.Of(Text(article), options.MinWords) : null;

    /// <summary>What is signed: the title too, so two pages of the same site chrome under different headlines stay apart.</summary>
    public static string Text(IndexedArticle article) => $"{article.Title}\n{article.Body}";

    /// <summary>
    /// Chooses <paramref name="article"/>'s cluster. <paramref name="replaced"/> says whether an id
    /// was written since the searcher last reopened (its version in <paramref name="lease"/> is stale).
    /// </summary>
    public DuplicateInfo? Assign(IndexLease lease, IndexedArticle article, TextSignature? signature, Func<string, bool> replaced)
    {
        Forget(article.Id);
        if (signature is null)
        {
            return null;
        }

        var bytes = signature.ToBytes();
        var bands = signature.BandKeys();
        var (best, cluster) = (0.0, (string?)null);
        foreach (var band in bands)
        {
            foreach (var pending in _pendingByBand.TryGetValue(band, out var list) ? list : [])
            {
                if (Closer(pending.Signature) is { } similarity && pending.Id != article.Id)
                {
                    (best, cluster) = (similarity, pending.Cluster);
                }
            }
        }

        // Keys no document may hold need no seek: for most articles that is all of them.
        _filter ??= BandKeyFilter.Build(lease.Reader, _pendingByBand.Keys);
        if (_filter.Full)
        {
            _filter = BandKeyFilter.Build(lease.Reader, _pendingByBand.Keys);
        }

        var seek = bands.Where(_filter.MayContain).Select(band => new BytesRef(band)).ToList();
        foreach (var leaf in seek.Count == 0 ? [] : lease.Reader.Leaves)
        {
            InIndex(leaf.AtomicReader, seek, (other, id, label) =>
            {
                if (Closer(other) is { } similarity && id() is var candidate && candidate != article.Id && !replaced(candidate))
                {
                    (best, cluster) = (similarity, label());
                }
            });
        }

        var info = new DuplicateInfo(cluster ?? NewLabel(article), bytes, bands);
        var written = new Pending(article.Id, bytes, info.Cluster, bands);
        _pendingById[article.Id] = written;
        foreach (var band in bands)
        {
            (_pendingByBand.TryGetValue(band, out var list) ? list : _pendingByBand[band] = []).Add(written);
            _filter.Add(band);
        }

        return info;

        // The similarity when it is a copy closer than the best so far (the id and label are read only then).
        double? Closer(ReadOnlySpan<byte> other) =>
            TextSignature.Similarity(bytes, other) is var similarity && similarity >= options.MinSimilarity && similarity > best ? similarity : null;
    }

    /// <summary>Forgets a deleted or rewritten article's pending signature.</summary>
    public void Forget(string id)
    {
        if (_pendingById.Remove(id, out var pending))
        {
            foreach (var band in pending.Bands)
            {
                if (_pendingByBand.TryGetValue(band, out var list) && list.Remove(pending) && list.Count == 0)
                {
                    _pendingByBand.Remove(band);
                }
            }
        }
    }

    /// <summary>The searcher reopened: it now sees every pending article.</summary>
    public void Refreshed()
    {
        _pendingByBand.Clear();
        _pendingById.Clear();
    }

    /// <summary>Adds <paramref name="info"/>'s fields to an article's document.</summary>
    public static void AddFields(Document doc, DuplicateInfo info)
    {
        doc.Add(new StringField(IndexFields.Cluster, info.Cluster, Field.Store.YES));
        doc.Add(new SortedDocValuesField(IndexFields.Cluster, new BytesRef(info.Cluster)));
        doc.Add(new BinaryDocValuesField(IndexFields.DuplicateSignature, new BytesRef(info.Signature)));
        foreach (var band in info.Bands)
        {
            doc.Add(new StringField(IndexFields.DuplicateBands, band, Field.Store.NO));
        }
    }

    // A new cluster is named after its first article's version, so a rewritten article that is no
    // longer a copy never takes back the label its former copies keep.
    private static string NewLabel(IndexedArticle article) =>
        $"{article.Id}@{(article.ContentHash.Length > 12 ? article.ContentHash[..12] : article.ContentHash)}";

    private delegate void Visit(ReadOnlySpan<byte> signature, Func<string> id, Func<string> cluster);

    // Visits the live documents of one segment sharing a band key, each once.
    private static void InIndex(AtomicReader reader, IReadOnlyList<BytesRef> bands, Visit visit)
    {
        var terms = reader.GetTerms(IndexFields.DuplicateBands)?.GetEnumerator();
        var signatures = reader.GetBinaryDocValues(IndexFields.DuplicateSignature);
        var clusters = reader.GetSortedDocValues(IndexFields.Cluster);
        if (terms is null || signatures is null || clusters is null)
        {
            return;
        }

        var seen = new HashSet<int>();
        var (signature, label) = (new BytesRef(), new BytesRef());
        DocsEnum? docs = null;
        foreach (var band in bands)
        {
            if (!terms.SeekExact(band) || terms.DocFreq > MaxCandidatesPerBand)
            {
                continue;
            }

            docs = terms.Docs(reader.LiveDocs, docs, DocsFlags.NONE);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
            {
                if (seen.Add(doc))
                {
                    var current = doc;
                    signatures.Get(doc, signature);
                    visit(signature.Bytes.AsSpan(signature.Offset, signature.Length), () => StoredId(reader, current), () =>
                    {
                        clusters.Get(current, label);
                        return label.Utf8ToString();
                    });
                }
            }
        }
    }

    private static string StoredId(AtomicReader reader, int doc)
    {
        var visitor = new DocumentStoredFieldVisitor(IndexFields.Id);
        reader.Document(doc, visitor);
        return visitor.Document.Get(IndexFields.Id) ?? string.Empty;
    }

    private sealed record Pending(string Id, byte[] Signature, string Cluster, IReadOnlyList<string> Bands);
}
