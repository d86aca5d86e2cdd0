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

    private static readonly Gen<DateTimeOffset?> Instants = Gen.Frequency(
        (2, Gen.Const((DateTimeOffset?)null)),
        (1, Gen.OneOf(Gen.Const((DateTimeOffset?)DateTimeOffset.MinValue), Gen.Const((DateTimeOffset?)DateTimeOffset.MaxValue))),
        (2, Gen.Long[DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks].Select(t => (DateTimeOffset?)new DateTimeOffset(t, TimeSpan.Zero))));

    // Filter values include the empty and blank ones a client can send.
    private static readonly Gen<string> FilterValues = Gen.Frequency((6, Pieces), (1, Gen.OneOf(Gen.Const(""), Gen.Const("  "))));

    private static readonly Gen<SearchQuery> Requests =
        Gen.Select(
            Gen.Select(Queries, Gen.Frequency((3, Gen.Int[0, 10]), (1, Gen.Int)), Gen.Frequency((3, Gen.Const("")), (1, Gen.String)),
                Gen.Enum<QuerySyntax>()),
            Gen.Select(Instants, Instants, FilterValues.Array[0, 4], FilterValues.Array[0, 4], Gen.Enum<IndexSort>()))
            .Select((a, b) => new SearchQuery(a.Item1, a.Item2, a.Item3, a.Item4, b.Item1, b.Item2, b.Item3, b.Item4, b.Item5));

    private static readonly string[] SearchFields =
        ["query", "page_size", "page_token", "published_after", "published_before", "sources", "tags"];

    [Fact]
    public void AnyRequest_EveryFieldGenerated_IsAnsweredOrRefusedWithFieldErrors() =>
        Requests.Sample(request =>
        {
            try
            {
                var result = _searcher.Search(request);
                Assert.InRange(result.Hits.Count, 0, request.PageSize == 0 ? 10 : request.PageSize);
                Assert.True(result.TotalHits >= result.Hits.Count);
                Assert.All(result.Hits, h => Assert.True(
                    (request.PublishedAfter is null || h.Article.PublishedAt >= request.PublishedAfter)
                    && (request.PublishedBefore is null || h.Article.PublishedAt < request.PublishedBefore)));
            }
            catch (RequestValidationException ex)
            {
                // A list field's violation names its item: tags[0].
                Assert.All(ex.Errors, e => Assert.Contains(e.Field.Split('[')[0], SearchFields));
            }
        }, iter: 400);

    [Fact]
    public void AnySuggestPrefixAndLimit_IsAnsweredOrRefusedWithFieldErrors() =>
        Gen.Select(Queries, Gen.Frequency((3, Gen.Int[0, 60]), (1, Gen.Int))).Sample((prefix, limit) =>
        {
            try
            {
                Assert.InRange(_searcher.Suggest(prefix, limit).Count, 0, limit == 0 ? 10 : limit);
            }
            catch (RequestValidationException ex)
            {
                Assert.All(ex.Errors, e => Assert.Contains(e.Field, new[] { "prefix", "limit" }));
            }
        }, iter: 300);

    [Fact]
    public void AnyId_IsFoundOrAbsent_NeverAnotherArticle() =>
        Gen.OneOf(Gen.String, Gen.Const(TestArticles.Seed.Id)).Sample(id =>
        {
            var article = _index.Index.Get(id);
            Assert.True(article is null || article.Id == id);
        }, iter: 300);

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
