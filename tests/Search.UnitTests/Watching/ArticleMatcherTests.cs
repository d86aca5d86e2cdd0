using SeedSearch.Search.Querying;
using SeedSearch.Search.Watching;

namespace SeedSearch.Search.UnitTests.Watching;

public sealed class ArticleMatcherTests
{
    private static readonly Search.Analysis.PortugueseAnalyzerFactory Analyzers = TestIndex.CreateAnalyzers();
    private readonly ArticleQueryParser _parser = new(Analyzers);
    private readonly ArticleMatcher _matcher = new(Analyzers);

    [Theory]
    [InlineData("OTAN", true)]
    [InlineData("NATO", true)]                 // synonym
    [InlineData("otan", true)]
    [InlineData("cibernéticas", true)]
    [InlineData("ciberneticas", true)]         // accents folded
    [InlineData("\"atividades cibernéticas\"", true)]
    [InlineData("\"cibernéticas atividades\"", false)]
    [InlineData("ciber*", true)]
    [InlineData("barragem", false)]
    [InlineData("+OTAN +barragem", false)]
    [InlineData("OTAN barragem", true)]
    [InlineData("OTAN -chinesas", false)]       // next to other words, "-" excludes
    [InlineData("OTAN -barragem", true)]
    [InlineData("-barragem", true)]              // alone, everything without the word
    public async Task Matches_TheSeedArticle_AsTheIndexFindsIt(string query, bool expected)
    {
        using var article = _matcher.Prepare(TestArticles.Seed);
        using var index = new TestIndex(analyzers: Analyzers);
        await index.AddAsync(TestArticles.Seed);
        var parsed = _parser.Parse(query)!;
        using var lease = index.Index.Acquire();

        Assert.Equal(lease.Searcher.Search(parsed, 1).TotalHits > 0, article.Matches(parsed));
        Assert.Equal(expected, article.Matches(parsed));
    }

    [Fact]
    public void Batch_MatchesTheSameArticlesAsOneAtATime()
    {
        var random = new Random(7);
        var articles = TestArticles.Distractors
            .Append(TestArticles.Seed)
            .Concat(Enumerable.Range(0, 40).Select(i => TestArticles.Article($"r{i}", $"Notícia {i}",
                string.Join(' ', Enumerable.Range(0, 30).Select(_ => TestArticles.Words[random.Next(TestArticles.Words.Count)])))))
            .Append(TestArticles.Article("vazio", "", ""))
            .ToList();
        string[] queries =
        [
            "OTAN", "NATO", "ciberneticas", "\"atividades cibernéticas\"", "ciber*", "OTAN -chinesas", "-barragem",
            .. TestArticles.Words.Take(25),
            .. TestArticles.Words.Skip(25).Take(10).Select(w => $"{w}~1"),
            .. TestArticles.Words.Skip(35).Take(10).Select(w => $"{w[..Math.Min(3, w.Length)]}*"),
            .. TestArticles.Words.Skip(45).Take(10).Select((w, i) => $"+{w} -{TestArticles.Words[i]}"),
        ];

        using var batch = _matcher.Prepare(articles);
        foreach (var text in queries)
        {
            var query = _parser.Parse(text)!;
            var oneAtATime = articles.Select((a, i) => (Matched: Matches(a, query), Position: i)).Where(x => x.Matched).Select(x => x.Position);
            Assert.Equal(oneAtATime, batch.Match(ArticleMatcher.Complete(query)));
        }
    }

    [Fact]
    public void Batch_FuzzyWordWithMoreThanFiftyNeighbours_StillMatchesEachArticleHoldingOne()
    {
        // 26 × 26 words one or two edits from "casa" ("caaa" … "cazz"), one per article: on one
        // article a fuzzy term expands to that article's word; across the batch its top-50
        // expansion would keep 50 of 676.
        var articles = Enumerable.Range(0, 26 * 26)
            .Select(i => TestArticles.Article($"a{i}", "Aviso", $"Palavra ca{(char)('a' + (i / 26))}{(char)('a' + (i % 26))} no texto."))
            .ToList();
        var query = _parser.Parse("casa~2")!;
        using var batch = _matcher.Prepare(articles);

        var expected = articles.Select((a, i) => (Matched: Matches(a, query), Position: i)).Where(x => x.Matched).Select(x => x.Position).ToList();
        Assert.True(expected.Count > 600, $"{expected.Count} articles match one at a time");
        Assert.Equal(expected, batch.Match(ArticleMatcher.Complete(query)));
        Assert.True(batch.Match(query).Count < expected.Count, "the batch form should be what makes the difference");
    }

    private bool Matches(Search.Indexing.IndexedArticle article, Lucene.Net.Search.Query query)
    {
        using var one = _matcher.Prepare(article);
        return one.Matches(query);
    }
}
