using Lucene.Net.Index;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;
using SeedSearch.Search.Watching;

namespace SeedSearch.Search.UnitTests.Watching;

public sealed class QueryTriggersTests
{
    private static readonly Search.Analysis.PortugueseAnalyzerFactory Analyzers = TestIndex.CreateAnalyzers();
    private readonly ArticleQueryParser _parser = new(Analyzers);
    private readonly ArticleMatcher _matcher = new(Analyzers);

    private static readonly string[] Queries =
    [
        "OTAN", "NATO", "ciberneticas", "\"atividades cibernéticas\"", "\"cibernéticas atividades\"", "ciber*", "barr*",
        "barragem", "+OTAN +barragem", "OTAN barragem", "OTAN -chinesas", "-barragem", "\"barragem de Minas\"", "minas gerais",
        "rompimento", "Brumadinho -OTAN", "\"Minas Gerais\" +barragem",
    ];

    private static readonly IndexedArticle[] Articles =
    [
        TestArticles.Seed,
        TestArticles.Article("dam", "Barragem rompe em Minas Gerais", "O rompimento da barragem de Minas atingiu Brumadinho."),
        TestArticles.Article("other", "Futebol", "O time venceu o campeonato estadual ontem à noite."),
    ];

    [Fact]
    public void Mark_NeverMissesAQueryThatMatches_AndSkipsQueriesWhoseTermsTheArticleLacks()
    {
        var parsed = Queries.Select(q => _parser.Parse(q)!).ToList();
        var triggers = new QueryTriggers(parsed);
        var skipped = 0;
        foreach (var article in Articles)
        {
            using var analysed = _matcher.Prepare(article);
            var candidates = new bool[parsed.Count];
            triggers.Mark(analysed.Reader, candidates);
            for (var i = 0; i < parsed.Count; i++)
            {
                if (analysed.Matches(parsed[i]))
                {
                    Assert.True(candidates[i], $"'{Queries[i]}' matches {article.Id} but was not a candidate");
                }

                skipped += candidates[i] ? 0 : 1;
            }
        }

        // Most pairs never reach the query: on the football article only "-barragem" can match.
        using var football = _matcher.Prepare(Articles[2]);
        var marked = new bool[parsed.Count];
        triggers.Mark(football.Reader, marked);
        Assert.Equal(["-barragem"], Queries.Where((_, i) => marked[i]));
        Assert.True(skipped > Queries.Length, $"only {skipped} query/article pairs skipped");
    }

    [Fact]
    public void Of_ShapesWithoutRequiredTerms_RunOnEveryArticle()
    {
        Assert.Null(QueryTriggers.Of(new MatchAllDocsQuery()));
        Assert.Null(QueryTriggers.Of(new FuzzyQuery(new Term(IndexFields.Body, "otam"))));
        Assert.Null(QueryTriggers.Of(new WildcardQuery(new Term(IndexFields.Body, "o?an"))));
        Assert.Null(QueryTriggers.Of(new BooleanQuery { { new TermQuery(new Term(IndexFields.Body, "otan")), Occur.MUST_NOT } }));
        Assert.Null(QueryTriggers.Of(new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.Body, "otan")), Occur.SHOULD },
            { new WildcardQuery(new Term(IndexFields.Body, "o?an")), Occur.SHOULD },
        }));

        var triggers = new QueryTriggers([new MatchAllDocsQuery(), new TermQuery(new Term(IndexFields.Body, "otan"))]);
        Assert.Equal(1, triggers.Unfiltered);
    }

    [Fact]
    public void Of_AConjunction_NeedsOnlyOneRequiredPart_AndAPhraseOneOfItsWords()
    {
        var required = new BooleanQuery
        {
            { new TermQuery(new Term(IndexFields.Body, "otan")), Occur.MUST },
            { new WildcardQuery(new Term(IndexFields.Body, "o?an")), Occur.MUST },
            { new TermQuery(new Term(IndexFields.Body, "russia")), Occur.SHOULD },
        };
        Assert.Equal([(new Term(IndexFields.Body, "otan"), false)], QueryTriggers.Of(required));

        var phrase = new PhraseQuery { new Term(IndexFields.Body, "minas"), new Term(IndexFields.Body, "gerais") };
        Assert.Single(QueryTriggers.Of(phrase)!);
    }
}
