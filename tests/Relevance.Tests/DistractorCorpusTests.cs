using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.Relevance.Tests;

public sealed class DistractorCorpusTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public void RelevantIds_GradesZeroToThree_IdsGradedOneOrMoreForAnyQuery()
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>
        {
            ["q1"] = new() { ["a"] = 0, ["b"] = 1 },
            ["q2"] = new() { ["a"] = 3, ["c"] = 0 },
        };

        Assert.Equal(["a", "b"], DistractorCorpus.RelevantIds(qrels).Order());
    }

    [Fact]
    public void Ensure_JudgedArticles_RelevantOnesLeftOutJudgedZeroKept()
    {
        var source = WriteCorpus("news",
            ("rel", "Vacinação começa", "A vacinação contra a gripe começa na segunda-feira. O ministério anunciou o calendário completo."),
            ("zero", "Chuvas no litoral", "A defesa civil emitiu um alerta para a região costeira."));
        var qrels = new Dictionary<string, Dictionary<string, int>> { ["q1"] = new() { ["rel"] = 2, ["zero"] = 0 } };

        var corpus = DistractorCorpus.Ensure([source], 40, 42, _folder.Combine("cache"), DistractorCorpus.RelevantIds(qrels));

        var distractors = DatasetFiles.ReadCorpus(corpus.Path);
        Assert.Equal("distractor-42-0000039", distractors[^1].Id);
        // The judged-0 article's one sentence is all that is left to draw from.
        Assert.All(distractors.SelectMany(d => ScaleCorpus.Sentences(d.Body)), s => Assert.Equal("A defesa civil emitiu um alerta para a região costeira.", s));
    }

    [Fact]
    public void Ensure_EveryArticleJudgedRelevant_FailsNamingAnotherSource()
    {
        var source = WriteCorpus("faq",
            ("p1", "Universidade", "A universidade foi fundada em 1960 por decreto federal."),
            ("p2", "Campus", "O campus principal fica no centro da cidade."));

        var error = Assert.Throws<InvalidOperationException>(() =>
            DistractorCorpus.Ensure([source], 10, 42, _folder.Combine("cache"), new HashSet<string> { "p1", "p2" }));

        Assert.Contains(source, error.Message, StringComparison.Ordinal);
        Assert.Contains("--distractor-source ../shared/data/govbr-news", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private string WriteCorpus(string name, params (string Id, string Title, string Body)[] articles)
    {
        var folder = _folder.Combine(name);
        Directory.CreateDirectory(folder);
        DatasetFiles.WriteCorpus(Path.Combine(folder, "corpus.jsonl.gz"), articles.Select(a => new RawArticle { Id = a.Id, Title = a.Title, Body = a.Body }));
        return folder;
    }
}
