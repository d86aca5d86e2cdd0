using SeedSearch.Search.Indexing;
using SeedSearch.Search.Querying;

namespace SeedSearch.Search.UnitTests.Querying;

public class PageTokenCodecTests
{
    private static readonly SearchCursor Cursor = new(SearcherVersion: 42, Score: 1.25f, DocId: 17, Offset: 20);

    private static string Key(string query, int pageSize) => new SearchQuery(query, pageSize, "").Key(pageSize);

    [Fact]
    public void Encode_ThenDecode_RoundTripsTheCursor()
    {
        var token = PageTokenCodec.Encode(Cursor, Key("OTAN", 10));

        Assert.True(PageTokenCodec.TryDecode(token, Key("OTAN", 10), out var decoded, out _));
        Assert.Equal(Cursor, decoded);
    }

    [Fact]
    public void Encode_IsUrlSafe()
    {
        var token = PageTokenCodec.Encode(Cursor, Key("OTAN", 10));
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
    }

    [Fact]
    public void TryDecode_SameQueryOtherSort_Fails()
    {
        var token = PageTokenCodec.Encode(Cursor, Key("OTAN", 10));
        var newest = new SearchQuery("OTAN", 10, "", Sort: IndexSort.Newest).Key(10);

        Assert.False(PageTokenCodec.TryDecode(token, newest, out _, out _));
    }

    [Theory]
    [InlineData("otan", 10)]
    [InlineData("OTAN", 20)]
    public void TryDecode_OtherQueryOrPageSize_Fails(string query, int pageSize)
    {
        var token = PageTokenCodec.Encode(Cursor, Key("OTAN", 10));

        Assert.False(PageTokenCodec.TryDecode(token, Key(query, pageSize), out var decoded, out var error));
        Assert.Null(decoded);
        Assert.Contains("different query", error);
    }

    [Fact]
    public void TryDecode_FlippedCharacter_Fails()
    {
        var token = PageTokenCodec.Encode(Cursor, Key("OTAN", 10)).ToCharArray();
        token[5] = token[5] == 'A' ? 'B' : 'A';

        Assert.False(PageTokenCodec.TryDecode(new string(token), Key("OTAN", 10), out _, out var error));
        Assert.Contains("not a page token", error);
    }

    [Theory]
    [InlineData("%%%")]
    [InlineData("")]
    [InlineData("QUJD")]
    public void TryDecode_Garbage_Fails(string token) =>
        Assert.False(PageTokenCodec.TryDecode(token, Key("OTAN", 10), out _, out _));
}
