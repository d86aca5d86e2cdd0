using CsCheck;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.UnitTests.Querying;

/// <summary>
/// Properties over generated input: any query text, in either syntax, is answered or refused
/// with a field error (never another exception, which gRPC would report as INTERNAL), and page
/// tokens decode only when they are genuine.
/// </summary>
public sealed class QueryPropertyTests : IAsyncLifetime, IDisposable
{
    // Words of the index, query operators, Lucene syntax and every other code unit.
    private static readonly Gen<string> Pieces = Gen.OneOf(
        Gen.OneOf("OTAN", "nato", "ciberespaço", "Exchange", "acusações", "de", "o que"),
        Gen.OneOf("\"", "*", "~", "~2", "+", "-", "|", "(", ")", "\\", ":", "^2", "[", "]", "{", "}", "AND", "OR", "NOT", "?", "/", "title:", "body_exact:"),
        Gen.String[Gen.Char[char.MinValue, char.MaxValue], 1, 8]);

    private static readonly Gen<string> Queries = Gen.OneOf(
        Pieces.Array[1, 12].Select(p => string.Join(' ', p)),
        Pieces.Array[1, 12].Select(p => string.Concat(p)));

    private readonly TestIndex _index = new();
    private readonly ArticleSearcher _searcher;

    public QueryPropertyTests() =>
        _searcher = new ArticleSearcher(_index.Index, _index.Analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()));

    public async Task InitializeAsync() => await _index.AddAsync([TestArticles.Seed, .. TestArticles.Distractors]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Theory]
    [InlineData(QuerySyntax.Simple)]
    [InlineData(QuerySyntax.Lucene)]
    public void AnyQuery_IsAnsweredOrRefusedWithAFieldError(QuerySyntax syntax) =>
        Queries.Sample(text =>
        {
            try
            {
                var result = _searcher.Search(new SearchQuery(text, 5, "", Syntax: syntax));
                Assert.InRange(result.Hits.Count, 0, 5);
                Assert.True(result.TotalHits >= result.Hits.Count);
            }
            catch (RequestValidationException ex)
            {
                Assert.All(ex.Errors, e => Assert.Equal("query", e.Field));
            }
        }, iter: 400);

    [Fact]
    public void AnySuggestPrefix_IsAnsweredOrRefusedWithAFieldError() =>
        Queries.Sample(prefix =>
        {
            try
            {
                Assert.InRange(_searcher.Suggest(prefix, 5).Count, 0, 5);
            }
            catch (RequestValidationException ex)
            {
                Assert.All(ex.Errors, e => Assert.Equal("prefix", e.Field));
            }
        }, iter: 300);

    [Fact]
    public void PageTokens_RoundTripForTheirRequest_AndNothingElse() =>
        Gen.Select(Gen.Long, Gen.Float, Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.String, Gen.String)
            .Sample((version, score, doc, offset, key, otherKey) =>
            {
                var cursor = new SearchCursor(version, score, doc, offset);
                var token = PageTokenCodec.Encode(cursor, key);

                Assert.True(PageTokenCodec.TryDecode(token, key, out var decoded, out _));
                Assert.Equal(cursor, decoded);
                Assert.Equal(key == otherKey, PageTokenCodec.TryDecode(token, otherKey, out _, out _));
            }, iter: 500);

    [Fact]
    public void ArbitraryPageTokens_AreRefusedWithAReason() =>
        Gen.String.Sample(token =>
        {
            Assert.False(PageTokenCodec.TryDecode(token, "key", out var cursor, out var error));
            Assert.Null(cursor);
            Assert.NotEmpty(error);
        }, iter: 500);
}
