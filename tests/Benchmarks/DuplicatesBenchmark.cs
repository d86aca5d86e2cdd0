using Lucene.Net.Index;
using Microsoft.Extensions.Logging.Abstractions;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Duplicates;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Text;

namespace SeedSearch.Benchmarks;

/// <summary>
/// How well near-duplicate clustering does on a real corpus: every article of the source corpus
/// is indexed by the service's own index, the clusters with more than one article are counted and
/// a seeded sample of their pairs is written out, with both texts' differences and the exact
/// shingle similarity, to be judged by reading (precision); then copies made from the corpus
/// (one sentence replaced, one added, the last fifth cut) are indexed and the share that joins its
/// original's cluster is counted (recall on known copies).
/// </summary>
internal static class DuplicatesBenchmark
{
    private const int SyntheticCopies = 300;

    public static async Task RunAsync(BenchmarkOptions options, SearchSettings settings, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var duplicates = new DuplicateOptions();
        var source = DatasetFiles.ReadCorpus(options.SourceCorpus).Select(CeilingBenchmark.ToIndexed).ToList();
        var path = Path.Combine(options.Out, "duplicates-index");
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        var random = new Random(options.Seed);
        using (var index = new ArticleIndex(path, settings.CreateAnalyzers(), settings.Index.RamBufferSizeMb, settings.Query.PageTokenLifetime,
            TimeProvider.System, NullLogger<ArticleIndex>.Instance, settings.CreateSimilarity(), duplicates: duplicates))
        {
            await index.UpsertAsync(source, cancellationToken);
            await index.CommitAsync(cancellationToken);
            var clusters = Clusters(index);
            var byId = source.ToDictionary(a => a.Id);
            var pairs = clusters.Values.Where(c => c.Count > 1).SelectMany(c => c.Skip(1).Select(other => (First: byId[c[0]], Other: byId[other]))).ToList();
            var sample = pairs.OrderBy(_ => random.Next()).Take(options.DuplicateSample).ToList();
            await File.WriteAllTextAsync(Path.Combine(options.Out, "duplicates-sample.md"), Sample(sample, duplicates), cancellationToken);
            Console.WriteLine($"duplicates: {pairs.Count} clustered pairs in {clusters.Values.Count(c => c.Count > 1)} clusters; sample written");

            // Known copies of articles long enough to sign, each kind from different originals.
            var signed = source.Where(a => TextSignature.Of(ClusterAssigner.Text(a), duplicates.MinWords) is not null && AllSentences(a.Body).Count >= 5).ToList();
            var originals = signed.OrderBy(_ => random.Next()).Take(SyntheticCopies).ToList();
            var copies = originals.Select((a, i) => a with { Id = $"copy-{i}", Body = Alter(a.Body, i % 3, signed[random.Next(signed.Count)].Body, random), ContentHash = $"copy-{i}" }).ToList();
            await index.UpsertAsync(copies, cancellationToken);
            await index.CommitAsync(cancellationToken);
            var after = Clusters(index);
            var label = after.SelectMany(c => c.Value.Select(id => (id, c.Key))).ToDictionary(p => p.id, p => p.Key);
            var joined = new int[3];
            for (var i = 0; i < copies.Count; i++)
            {
                joined[i % 3] += label.TryGetValue(copies[i].Id, out var l) && label.TryGetValue(originals[i].Id, out var o) && l == o ? 1 : 0;
            }

            List<IReadOnlyList<string>> rows =
            [
                ["articles", $"{source.Count:N0}"],
                ["articles long enough to sign", $"{source.Count(a => TextSignature.Of(ClusterAssigner.Text(a), duplicates.MinWords) is not null):N0}"],
                ["clusters with copies", $"{clusters.Values.Count(c => c.Count > 1):N0}"],
                ["articles in them", $"{clusters.Values.Where(c => c.Count > 1).Sum(c => c.Count):N0}"],
                ["pairs (first article, copy)", $"{pairs.Count:N0}"],
                ["pairs sampled for reading", $"{sample.Count:N0} (duplicates-sample.md)"],
                ["known copies: one sentence replaced, joined", $"{joined[0]} / {(copies.Count + 2) / 3}"],
                ["known copies: one sentence added, joined", $"{joined[1]} / {(copies.Count + 1) / 3}"],
                ["known copies: last fifth cut, joined", $"{joined[2]} / {copies.Count / 3}"],
            ];
            report.Table("Near-duplicate clusters",
                $"Every article of {Path.GetFileName(Path.GetDirectoryName(options.SourceCorpus))} indexed by the service's index (MinHash of 4-word shingles of title and body, " +
                $"{TextSignature.Bands} bands of {TextSignature.Rows}, min similarity {duplicates.MinSimilarity}, min {duplicates.MinWords} words); then " +
                $"{copies.Count} copies of its articles indexed after them.", ["measure", "value"], rows);
        }

        Directory.Delete(path, recursive: true);
    }

    // Cluster label → ids, in index order.
    private static Dictionary<string, List<string>> Clusters(ArticleIndex index)
    {
        using var lease = index.Acquire();
        var clusters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var live = MultiFields.GetLiveDocs(lease.Reader);
        for (var doc = 0; doc < lease.Reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc))
            {
                continue;
            }

            var stored = lease.Reader.Document(doc);
            if (stored.Get(IndexFields.Cluster) is { } cluster)
            {
                (clusters.TryGetValue(cluster, out var ids) ? ids : clusters[cluster] = []).Add(stored.Get(IndexFields.Id)!);
            }
        }

        return clusters;
    }

    private static string Alter(string body, int kind, string other, Random random)
    {
        var sentences = AllSentences(body);
        var foreign = AllSentences(other);
        var at = random.Next(sentences.Count);
        switch (kind)
        {
            case 0: sentences[at] = foreign[random.Next(foreign.Count)]; break;
            case 1: sentences.Insert(at, foreign[random.Next(foreign.Count)]); break;
            default: sentences = sentences.Take(Math.Max(1, sentences.Count * 4 / 5)).ToList(); break;
        }

        return string.Join(' ', sentences);
    }

    private static string Sample(List<(IndexedArticle First, IndexedArticle Other)> pairs, DuplicateOptions duplicates)
    {
        var text = new System.Text.StringBuilder("# Sampled near-duplicate pairs\n\n");
        foreach (var (i, (first, other)) in pairs.Index())
        {
            var estimated = TextSignature.Similarity(TextSignature.Of(ClusterAssigner.Text(first), duplicates.MinWords)!.ToBytes(), TextSignature.Of(ClusterAssigner.Text(other), duplicates.MinWords)!.ToBytes());
            var a = AllSentences(first.Body).ToHashSet();
            var b = AllSentences(other.Body).ToHashSet();
            text.Append($"## {i + 1}. {first.Id} ~ {other.Id}: estimated {estimated:F2}, exact {Jaccard(ClusterAssigner.Text(first), ClusterAssigner.Text(other)):F2}, " +
                $"sentences shared {a.Intersect(b).Count()} of {a.Count} / {b.Count}\n\n");
            text.Append($"- A: {first.Title} ({first.Source}, {first.PublishedAt:yyyy-MM-dd})\n- B: {other.Title} ({other.Source}, {other.PublishedAt:yyyy-MM-dd})\n");
            foreach (var only in a.Except(b).Take(3))
            {
                text.Append($"- only A: {Clip(only)}\n");
            }

            foreach (var only in b.Except(a).Take(3))
            {
                text.Append($"- only B: {Clip(only)}\n");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    // Every sentence of a body, nothing dropped: joined with spaces they give back its words.
    private static List<string> AllSentences(string body) =>
        [.. System.Text.RegularExpressions.Regex.Split(body, @"(?<=[.!?])\s+|\n+").Select(s => s.Trim()).Where(s => s.Length > 0)];

    private static string Clip(string s) => s.Length > 200 ? s[..200] + "…" : s;

    // Exact Jaccard similarity of two bodies' 4-word shingle sets, folded as the signature folds them.
    private static double Jaccard(string a, string b)
    {
        var x = Shingles(a);
        var y = Shingles(b);
        return x.Count + y.Count == 0 ? 0 : (double)x.Intersect(y).Count() / x.Union(y).Count();
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = System.Text.RegularExpressions.Regex.Split(TextFolding.Fold(text), @"[^\p{L}\p{Nd}]+").Where(w => w.Length > 0).ToList();
        return Enumerable.Range(0, Math.Max(0, words.Count - TextSignature.ShingleWords + 1))
            .Select(i => string.Join(' ', words.Skip(i).Take(TextSignature.ShingleWords))).ToHashSet();
    }
}
