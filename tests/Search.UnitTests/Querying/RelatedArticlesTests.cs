using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Util;
using Lucene.Net.Store;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.UnitTests.Querying;

public sealed class RelatedArticlesTests : IAsyncLifetime, IDisposable
{
    private static readonly IndexedArticle Vaccine1 = TestArticles.Article("vacina-1", "Campanha de vacinação contra a gripe começa na segunda",
        "A campanha nacional de vacinação contra a gripe começa na segunda-feira nos postos de saúde. Idosos e profissionais de saúde "
        + "recebem as primeiras doses da vacina. O ministério da saúde distribuiu doses a todos os estados.");

    private static readonly IndexedArticle Vaccine2 = TestArticles.Article("vacina-2", "Postos de saúde ampliam horário para vacinar contra a gripe",
        "Os postos de saúde da capital vão abrir aos sábados para aplicar a vacina contra a gripe. A procura pelas doses cresceu "
        + "entre idosos, e a secretaria de saúde pede que o público leve o cartão de vacinação.");

    private static readonly IndexedArticle Vaccine3 = TestArticles.Article("vacina-3", "Estoque de vacinas da gripe chega aos estados",
        "O ministério da saúde enviou um novo lote de doses da vacina contra a gripe aos estados. A vacinação de crianças e gestantes "
        + "começa na próxima semana nos postos.");

    private static readonly IndexedArticle[] Corpus = [Vaccine1, Vaccine2, Vaccine3, TestArticles.Seed, .. TestArticles.Distractors];

    private readonly TestIndex _index = new();
    private readonly RelatedArticles _related;

    public RelatedArticlesTests() => _related = Create(_index);

    public async Task InitializeAsync() => await _index.AddAsync(Corpus);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    private static RelatedArticles Create(TestIndex index) =>
        new(index.Index, index.Analyzers, new SnippetHighlighter(index.Analyzers, new QueryOptions().SnippetLength));

    private static IReadOnlyList<string> Ids(RelatedResult result) => result.Hits.Select(h => h.Article.Id).ToList();

    [Fact]
    public void Find_ArticlesOnTheSameSubject_RankAboveUnrelatedOnes()
    {
        var result = _related.Find(new RelatedQuery("vacina-1"));

        Assert.Equal(["vacina-2", "vacina-3"], Ids(result).Take(2).Order());
        Assert.True(result.Hits[0].Score >= result.Hits[1].Score);
        Assert.All(result.Hits.Skip(2), h => Assert.True(h.Score < result.Hits[1].Score, $"{h.Article.Id} scored {h.Score}"));
    }

    [Fact]
    public void Find_Hits_CarryTheStoredArticleAndMarkTheSharedWords()
    {
        var hit = _related.Find(new RelatedQuery("vacina-1")).Hits.Single(h => h.Article.Id == "vacina-2");

        Assert.Equal(Vaccine2.Title, hit.Article.Title);
        Assert.Equal(Vaccine2.Url, hit.Article.Url);
        Assert.Equal(Vaccine2.PublishedAt, hit.Article.PublishedAt);
        Assert.Contains("<em>gripe</em>", hit.Snippet);
        Assert.Contains("<em>gripe</em>", hit.TitleHighlighted);
    }

    [Theory]
    [MemberData(nameof(CorpusIds))]
    public void Find_AnyArticle_NeverReturnsItself(string id)
    {
        var ids = Ids(_related.Find(new RelatedQuery(id, RelatedArticles.MaxPageSize)));

        Assert.DoesNotContain(id, ids);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    public static TheoryData<string> CorpusIds => [.. Corpus.Select(a => a.Id)];

    [Fact]
    public void Find_PageSize_IsHonouredAndTokensWalkTheSameList()
    {
        var whole = Ids(_related.Find(new RelatedQuery("vacina-1", RelatedArticles.MaxPageSize)));
        Assert.True(whole.Count >= 3, string.Join(", ", whole));

        var walked = new List<string>();
        var token = "";
        for (var page = 0; page < 20; page++)
        {
            var result = _related.Find(new RelatedQuery("vacina-1", 1, token));
            Assert.Single(result.Hits);
            walked.AddRange(Ids(result));
            token = result.NextPageToken;
            if (token.Length == 0)
            {
                break;
            }
        }

        Assert.Equal(whole, walked);
        Assert.Equal(2, _related.Find(new RelatedQuery("vacina-1", 2)).Hits.Count);
    }

    [Fact]
    public async Task Find_ZeroPageSize_MeansTheDefault()
    {
        var extra = Enumerable.Range(1, 12).Select(i => TestArticles.Article($"gripe-{i}", $"Gripe, boletim {i}",
            $"Boletim {i} da secretaria de saúde: a vacina contra a gripe segue disponível nos postos de saúde.")).ToArray();
        await _index.AddAsync(extra);

        var result = _related.Find(new RelatedQuery("vacina-1"));

        Assert.Equal(RelatedArticles.DefaultPageSize, result.Hits.Count);
        Assert.NotEmpty(result.NextPageToken);
    }

    [Fact]
    public void Find_UnknownId_IsNotFound()
    {
        var ex = Assert.Throws<NotFoundException>(() => _related.Find(new RelatedQuery("nao-existe")));

        Assert.Equal("nao-existe", ex.Id);
    }

    public static TheoryData<string, int, string, string> InvalidRequests => new()
    {
        { "", 0, "", "id" },
        { "   ", 0, "", "id" },
        { "com espaço", 0, "", "id" },
        { new string('a', 129), 0, "", "id" },
        { "vacina-1", -1, "", "page_size" },
        { "vacina-1", RelatedArticles.MaxPageSize + 1, "", "page_size" },
        { "vacina-1", 0, "bm90LWEtdG9rZW4", "page_token" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Find_InvalidField_IsRefusedNamingIt(string id, int pageSize, string token, string field)
    {
        var ex = Assert.Throws<RequestValidationException>(() => _related.Find(new RelatedQuery(id, pageSize, token)));

        Assert.Equal(field, Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Find_TokenOfAnotherArticleOrPageSize_IsRefused()
    {
        var token = _related.Find(new RelatedQuery("vacina-1", 1)).NextPageToken;
        Assert.NotEmpty(token);

        Assert.Equal("page_token", Assert.Single(Assert.Throws<RequestValidationException>(() => _related.Find(new RelatedQuery("vacina-2", 1, token))).Errors).Field);
        Assert.Equal("page_token", Assert.Single(Assert.Throws<RequestValidationException>(() => _related.Find(new RelatedQuery("vacina-1", 2, token))).Errors).Field);
    }

    [Fact]
    public void Find_SearchToken_IsRefused()
    {
        var searcher = new ArticleSearcher(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()));
        var token = searcher.Search(new SearchQuery("saúde", 1, "")).NextPageToken;
        Assert.NotEmpty(token);

        var ex = Assert.Throws<RequestValidationException>(() => _related.Find(new RelatedQuery("vacina-1", 1, token)));

        Assert.Equal("page_token", Assert.Single(ex.Errors).Field);
    }

    [Fact]
    public void Find_ClusterLabels_LeaveOutTheSourcesCopiesAndShowOneArticlePerCluster()
    {
        using var folder = new TempDirectory();
        var analyzers = TestIndex.CreateAnalyzers();
        // Copies differ by a word, as reprints do; without the labels they would rank first.
        WriteWithClusters(folder.Path, analyzers,
        [
            (Vaccine1, "story-1"),
            (Vaccine1 with { Id = "vacina-1-copia", Title = Vaccine1.Title + " (reprodução)" }, "story-1"),
            (Vaccine2, "story-2"),
            (Vaccine2 with { Id = "vacina-2-copia", Title = Vaccine2.Title + " (reprodução)" }, "story-2"),
            (Vaccine3, null),
            .. TestArticles.Distractors.Select(a => (a, (string?)$"story-{a.Id}")),
        ]);
        using var index = new TestIndex(folder.Path, analyzers);

        var ids = Ids(Create(index).Find(new RelatedQuery("vacina-1", RelatedArticles.MaxPageSize)));

        Assert.DoesNotContain("vacina-1", ids);
        Assert.DoesNotContain("vacina-1-copia", ids);
        Assert.Single(ids, id => id.StartsWith("vacina-2", StringComparison.Ordinal));
        Assert.Contains("vacina-3", ids);
        Assert.Equal(["vacina-2", "vacina-3"], ids.Take(2).Select(id => id.Replace("-copia", "")).Order());
    }

    [Fact]
    public void Find_ClusterLabels_PagesHoldOneArticlePerClusterAcrossTheWalk()
    {
        using var folder = new TempDirectory();
        var analyzers = TestIndex.CreateAnalyzers();
        WriteWithClusters(folder.Path, analyzers,
        [
            (Vaccine1, null),
            .. Enumerable.Range(1, 4).Select(i => (Vaccine2 with { Id = $"vacina-2-{i}" }, (string?)"story-2")),
            .. Enumerable.Range(1, 4).Select(i => (Vaccine3 with { Id = $"vacina-3-{i}" }, (string?)"story-3")),
        ]);
        using var index = new TestIndex(folder.Path, analyzers);
        var related = Create(index);

        var first = related.Find(new RelatedQuery("vacina-1", 1));
        var second = related.Find(new RelatedQuery("vacina-1", 1, first.NextPageToken));

        var ids = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(["vacina-2", "vacina-3"], ids.Select(id => id[..^2]).Order());
        Assert.Empty(second.NextPageToken);
    }

    // Documents as the index writes them, plus the cluster label a near-duplicate detector adds.
    private static void WriteWithClusters(string path, PortugueseAnalyzerFactory analyzers, IReadOnlyList<(IndexedArticle Article, string? Cluster)> articles)
    {
        using var directory = new SimpleFSDirectory(new DirectoryInfo(path));
        using var writer = new IndexWriter(directory, IndexStorage.CreateWriterConfig(analyzers, 16, new CoordinatedBm25Similarity()));
        foreach (var (article, cluster) in articles)
        {
            var doc = new Document
            {
                new StringField(IndexFields.Id, article.Id, Field.Store.YES),
                new TextField(IndexFields.Title, article.Title, Field.Store.YES),
                new TextField(IndexFields.Body, article.Body, Field.Store.YES),
                new StoredField(IndexFields.ContentHash, article.ContentHash),
            };
            if (cluster is not null)
            {
                doc.Add(new StringField(IndexFields.Cluster, cluster, Field.Store.YES));
                doc.Add(new SortedDocValuesField(IndexFields.Cluster, new BytesRef(cluster)));
            }

            writer.AddDocument(doc);
        }

        writer.Commit();
    }
}
