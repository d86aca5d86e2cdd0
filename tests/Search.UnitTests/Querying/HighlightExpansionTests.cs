using Lucene.Net.Index;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

public sealed class HighlightExpansionTests : IDisposable
{
    private readonly TestIndex _index = new();

    public void Dispose() => _index.Dispose();

    [Fact]
    public async Task Expand_FuzzyInsideTheTree_BecomesTheIndexTermsItMatches()
    {
        await _index.AddAsync(TestArticles.Seed);
        var fuzzy = new FuzzyQuery(new Term(IndexFields.BodyExact, "exchnage"), 2) { Boost = 0.3f };
        var query = new BooleanQuery
        {
            { new DisjunctionMaxQuery(0.3f) { new TermQuery(new Term(IndexFields.Body, "china")), fuzzy }, Occur.SHOULD },
        };

        using var lease = _index.Index.Acquire();

        var terms = new HashSet<Term>();
        HighlightExpansion.Expand(query, lease.Reader).ExtractTerms(terms);
        Assert.Contains(new Term(IndexFields.BodyExact, "exchange"), terms);
        Assert.Contains(new Term(IndexFields.Body, "china"), terms);
        Assert.DoesNotContain(new Term(IndexFields.BodyExact, "exchnage"), terms);
    }

    [Fact]
    public async Task Expand_PrefixInsideTheTree_BecomesTheIndexTermsItMatches()
    {
        await _index.AddAsync(TestArticles.Seed);
        var query = new BooleanQuery
        {
            { new DisjunctionMaxQuery(0.3f) { new PrefixQuery(new Term(IndexFields.BodyExact, "embaixad")) }, Occur.SHOULD },
        };

        using var lease = _index.Index.Acquire();

        var terms = new HashSet<Term>();
        HighlightExpansion.Expand(query, lease.Reader).ExtractTerms(terms);
        Assert.NotEmpty(terms);
        Assert.All(terms, t => Assert.StartsWith("embaixad", t.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Expand_PrefixMatchingTooManyTerms_IsKeptForTheHighlighter()
    {
        var words = string.Join(' ', Enumerable.Range(0, HighlightExpansion.MaxPrefixTerms + 1).Select(i => $"palavra{i}"));
        await _index.AddAsync(TestArticles.Article("muitas-palavras", "Muitas palavras", words));
        var prefix = new PrefixQuery(new Term(IndexFields.BodyExact, "palavra"));

        using var lease = _index.Index.Acquire();

        Assert.Same(prefix, HighlightExpansion.Expand(prefix, lease.Reader));
    }
}
