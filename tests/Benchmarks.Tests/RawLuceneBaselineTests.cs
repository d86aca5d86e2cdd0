using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Benchmarks.Tests;

public sealed class RawLuceneBaselineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"raw-lucene-{Guid.NewGuid():N}");

    public RawLuceneBaselineTests() => Directory.CreateDirectory(_folder);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Search_WordOfOneTitle_FindsThatArticle(bool mmap)
    {
        var corpus = WriteCorpus(
            ("a1", "Vacinação contra a gripe começa segunda", "O ministério anunciou o calendário."),
            ("a2", "Chuvas fortes no litoral", "A defesa civil emitiu um alerta para a região."),
            ("a3", "Feira de ciências reúne escolas", "Estudantes apresentam projetos de robótica."));

        using var raw = RawLuceneBaseline.Open(corpus, Path.Combine(_folder, "index"), mmap ? RawDirectoryKind.Mmap : RawDirectoryKind.Nio);

        Assert.Equal(3, raw.DocumentCount);
        Assert.Equal(["a2"], raw.Search("chuvas").Select(h => h.Id));
    }

    [Fact]
    public void Search_WordInOneTitleAndAnotherBody_TitleMatchFirst()
    {
        // The same word once in each; the title field is boosted twice, and the other texts are alike in length.
        var corpus = WriteCorpus(
            ("body", "Prefeitura divulga balanço anual", "O relatório sobre enchentes saiu hoje na capital."),
            ("title", "Relatório sobre enchentes saiu", "A prefeitura divulga balanço anual hoje na capital."),
            ("other", "Campeonato de futebol termina", "O time da casa venceu a final no domingo."));

        using var raw = RawLuceneBaseline.Open(corpus, Path.Combine(_folder, "index"), RawDirectoryKind.Nio);

        Assert.Equal(["title", "body"], raw.Search("enchentes").Select(h => h.Id));
    }

    [Fact]
    public void Open_SameCorpusTwice_ReusesIndex()
    {
        var corpus = WriteCorpus(("a1", "Porto recebe navio", "Carga de grãos chega ao porto."));
        var index = Path.Combine(_folder, "index");
        using (var first = RawLuceneBaseline.Open(corpus, index, RawDirectoryKind.Nio))
        {
            Assert.False(first.Reused);
        }

        using var second = RawLuceneBaseline.Open(corpus, index, RawDirectoryKind.Nio);

        Assert.True(second.Reused);
        Assert.Equal(["a1"], second.Search("navio").Select(h => h.Id));
    }

    [Fact]
    public void Search_OperatorsAndSyntax_NoError()
    {
        var corpus = WriteCorpus(("a1", "Governo anuncia eleições", "Eleições gerais em outubro."));

        using var raw = RawLuceneBaseline.Open(corpus, Path.Combine(_folder, "index"), RawDirectoryKind.Nio);

        Assert.Equal(["a1"], raw.Search("+(eleições AND").Select(h => h.Id));
        Assert.Empty(raw.Search("\"de a\""));
    }

    [Fact]
    public void Open_TwoCorpusFiles_IndexesBothAndRebuildsForAnotherSet()
    {
        var real = WriteCorpusFile("real.jsonl.gz", ("r1", "Porto recebe navio", "Carga de grãos chega ao porto."));
        var more = WriteCorpusFile("more.jsonl.gz",
            ("d1", "Navio encalha no canal", "O navio ficou preso durante a maré baixa."),
            ("d2", "Feira de livros abre", "Editoras montam estandes no centro."));
        var index = Path.Combine(_folder, "index");
        using (var first = RawLuceneBaseline.Open(real, index, RawDirectoryKind.Nio))
        {
            Assert.Equal(1, first.DocumentCount);
        }

        using var both = RawLuceneBaseline.Open([real, more], index, RawDirectoryKind.Nio);

        Assert.False(both.Reused);
        Assert.Equal(3, both.DocumentCount);
        Assert.Equal(["d1", "r1"], both.Search("navio encalha").Select(h => h.Id));
    }

    [Fact]
    public void Search_CountGiven_ReturnsUpToThatManyHits()
    {
        var corpus = WriteCorpus([.. Enumerable.Range(0, 15).Select(i => ($"a{i}", $"Chuva forte no bairro {i}", $"Moradores relatam alagamentos na rua {i}."))]);

        using var raw = RawLuceneBaseline.Open(corpus, Path.Combine(_folder, "index"), RawDirectoryKind.Nio);

        Assert.Equal(RawLuceneBaseline.TopK, raw.Search("chuva").Count);
        Assert.Equal(15, raw.Search("chuva", 100).Count);
        Assert.Equal(12, raw.Search("chuva", 12).Count);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteCorpus(params (string Id, string Title, string Body)[] articles) => WriteCorpusFile("corpus.jsonl.gz", articles);

    private string WriteCorpusFile(string name, params (string Id, string Title, string Body)[] articles)
    {
        var path = Path.Combine(_folder, name);
        DatasetFiles.WriteCorpus(path, articles.Select(a => new RawArticle { Id = a.Id, Title = a.Title, Body = a.Body }));
        return path;
    }
}
