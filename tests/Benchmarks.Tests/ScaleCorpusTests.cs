using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Benchmarks.Tests;

public sealed class ScaleCorpusTests : IDisposable
{
    private const string SharedSentence = "Este parágrafo aparece em duas notícias diferentes.";

    private readonly TempDirectory _folder = new();

    [Fact]
    public void Ensure_BenchmarkCall_SameFileAndContentAsGeneratorVersion1()
    {
        var source = WriteCorpus("news",
            ("n1", "Vacinação começa", "A vacinação contra a gripe começa na segunda-feira. O ministério anunciou o calendário completo.\nPostos abrem às oito horas da manhã."),
            ("n2", "Chuvas no litoral", "A defesa civil emitiu um alerta para a região costeira. Chuvas fortes são esperadas até domingo!\n![foto](https://x.example/a.png)"),
            ("n3", "Feira de ciências", "Estudantes apresentam projetos de robótica na feira. Escolas de todo o estado participam do evento."));

        var corpus = ScaleCorpus.Ensure(source, 6, 7, _folder.Combine("corpora"));

        // The cache key and the articles of the generator before it took several sources, exclusions
        // and prefixes: benchmark corpora cached by it stay valid, so these must not change unless
        // GeneratorVersion is bumped.
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"1|{source}|{new FileInfo(source).Length}")))[..8].ToLowerInvariant();
        Assert.Equal($"news-{key}-n6-seed7.jsonl.gz", Path.GetFileName(corpus.Path));
        var articles = DatasetFiles.ReadCorpus(corpus.Path);
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"bench-7-000000{i}"), articles.Select(a => a.Id));
        Assert.Equal("https://bench.example/7/5", articles[5].Url);
        Assert.Equal("D16DC7DB3DA107A96B166506907D4C7F8393C2683DF054DF42EFA068800A871B",
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Decompress(corpus.Path)))));
        Assert.Equal(873, corpus.Bytes);
    }

    [Fact]
    public void Ensure_ExcludedArticles_NoDistractorCarriesTheirSentencesOrTitles()
    {
        var (first, second) = WriteTwoSources();

        var corpus = ScaleCorpus.Ensure([first, second], 300, 5, _folder.Combine("corpora"), new HashSet<string> { "a2", "b1" }, "distractor");

        var distractors = DatasetFiles.ReadCorpus(corpus.Path);
        var texts = distractors.Select(d => d.Title + "\n" + d.Body).ToList();
        string[] left = [SharedSentence, "Chuvas fortes atingem o litoral norte.", "A defesa civil emitiu um alerta.", "Chuvas fortes no litoral paulista",
            "Eleições municipais acontecem em outubro.", "Candidatos registram chapas no tribunal.", "Eleições municipais"];
        Assert.All(left, sentence => Assert.DoesNotContain(texts, t => t.Contains(sentence, StringComparison.Ordinal)));
        // Both sources feed the pool: a kept sentence of each shows up somewhere.
        Assert.Contains(texts, t => t.Contains("A vacinação contra a gripe começa na segunda-feira.", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("O time da casa venceu a final no domingo.", StringComparison.Ordinal));
    }

    [Fact]
    public void Ensure_DistractorPrefix_IdsAndUrlsCarryPrefixAndSeed()
    {
        var (first, second) = WriteTwoSources();

        var corpus = ScaleCorpus.Ensure([first, second], 12, 5, _folder.Combine("corpora"), new HashSet<string>(), "distractor");

        var distractors = DatasetFiles.ReadCorpus(corpus.Path);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"distractor-5-{i:D7}"), distractors.Select(d => d.Id));
        Assert.Equal("https://distractor.example/5/11", distractors[11].Url);
        Assert.StartsWith("distractor-first+second-", Path.GetFileName(corpus.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void Ensure_SameParametersInAnotherFolder_SameArticles()
    {
        var (first, second) = WriteTwoSources();
        var excluded = new HashSet<string> { "a2" };
        var originals = File.ReadAllBytes(first);

        var one = ScaleCorpus.Ensure([first, second], 50, 9, _folder.Combine("one"), excluded, "distractor");
        var two = ScaleCorpus.Ensure([first, second], 50, 9, _folder.Combine("two"), excluded, "distractor");
        var otherSeed = ScaleCorpus.Ensure([first, second], 50, 10, _folder.Combine("two"), excluded, "distractor");

        Assert.Equal(Decompress(one.Path), Decompress(two.Path));
        Assert.NotEqual(Texts(one.Path), Texts(otherSeed.Path));
        Assert.Equal(originals, File.ReadAllBytes(first));
    }

    [Fact]
    public void Ensure_SameSourceOtherExclusionsOrPrefix_OtherCachedFile()
    {
        var (first, _) = WriteTwoSources();
        var folder = _folder.Combine("corpora");

        var benchmark = ScaleCorpus.Ensure(first, 20, 42, folder);
        var plain = ScaleCorpus.Ensure([first], 20, 42, folder, new HashSet<string>(), "distractor");
        var excluding = ScaleCorpus.Ensure([first], 20, 42, folder, new HashSet<string> { "a2" }, "distractor");
        var again = ScaleCorpus.Ensure([first], 20, 42, folder, new HashSet<string> { "a2" }, "distractor");

        Assert.Equal(3, new[] { benchmark.Path, plain.Path, excluding.Path }.Distinct().Count());
        Assert.Equal((excluding.Path, true), (again.Path, again.Reused));
        Assert.False(excluding.Reused);
    }

    [Fact]
    public void Ensure_EveryArticleExcluded_Throws()
    {
        var (first, _) = WriteTwoSources();

        var error = Assert.Throws<InvalidOperationException>(() =>
            ScaleCorpus.Ensure([first], 10, 1, _folder.Combine("corpora"), new HashSet<string> { "a1", "a2", "a3" }, "distractor"));

        Assert.Contains("no usable sentences", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_folder.Combine("corpora")));
    }

    public void Dispose() => _folder.Dispose();

    private static List<string> Texts(string path) => DatasetFiles.ReadCorpus(path).Select(a => a.Title + "\n" + a.Body).ToList();

    private static string Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    // Two small sources; a2 shares a sentence with a3, which also repeats a2's title as a line.
    private (string First, string Second) WriteTwoSources() => (
        WriteCorpus("first",
            ("a1", "Vacinação começa", "A vacinação contra a gripe começa na segunda-feira. O ministério anunciou o calendário completo."),
            ("a2", "Chuvas fortes no litoral paulista", $"Chuvas fortes atingem o litoral norte. A defesa civil emitiu um alerta.\n{SharedSentence}"),
            ("a3", "Feira de ciências", $"Estudantes apresentam projetos de robótica na feira. {SharedSentence}\nChuvas fortes no litoral paulista")),
        WriteCorpus("second",
            ("b1", "Eleições municipais", "Eleições municipais acontecem em outubro. Candidatos registram chapas no tribunal."),
            ("b2", "Final do campeonato", "O time da casa venceu a final no domingo. A torcida lotou o estádio da capital.")));

    private string WriteCorpus(string name, params (string Id, string Title, string Body)[] articles)
    {
        var folder = _folder.Combine(name);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "corpus.jsonl.gz");
        DatasetFiles.WriteCorpus(path, articles.Select(a => new RawArticle
        {
            Id = a.Id, Title = a.Title, Body = a.Body, Source = $"src-{a.Id}", PublishedAt = "2026-01-02T03:04:05Z",
        }));
        return path;
    }
}
