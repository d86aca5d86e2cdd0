using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Indexing;

public sealed class TermLookupsTests : IAsyncLifetime, IDisposable
{
    private readonly TestIndex _index = new();

    public Task InitializeAsync() => _index.AddAsync(
        TestArticles.Article("a", "Eleição municipal", "A eleição teve recorde.", hash: "ha"),
        TestArticles.Article("b", "Outra notícia", "Eleição e eleitores.", hash: "hb"),
        TestArticles.Article("c", "Eleitorado", "O eleitorado cresceu.", hash: "hc"));

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _index.Dispose();

    [Fact]
    public void DocFrequency_OverTwoFields_SumsTheirDocumentCounts()
    {
        using var lease = _index.Index.Acquire();

        Assert.Equal(2, TermLookups.DocFrequency(lease, "eleicao", IndexFields.BodyExact));
        Assert.Equal(3, TermLookups.DocFrequency(lease, "eleicao", IndexFields.BodyExact, IndexFields.TitleExact));
        Assert.Equal(0, TermLookups.DocFrequency(lease, "inexistente", IndexFields.BodyExact, IndexFields.TitleExact));
    }

    [Fact]
    public void SimilarTerms_Misspelling_ReturnsNeighboursMostFrequentFirst()
    {
        using var lease = _index.Index.Acquire();

        var similar = TermLookups.SimilarTerms(lease, IndexFields.BodyExact, "eleicap", maxEdits: 2, limit: 5);

        Assert.Equal("eleicao", similar[0].Key);
        Assert.Equal(2, similar[0].Value);
        Assert.DoesNotContain(similar, s => s.Key == "recorde");
    }

    [Fact]
    public void TermsWithPrefix_ReturnsMatchingTermsInOrderWithTheirCounts()
    {
        using var lease = _index.Index.Acquire();

        var terms = TermLookups.TermsWithPrefix(lease, IndexFields.BodyExact, "eleit");

        Assert.Equal(["eleitorado", "eleitores"], terms.Select(t => t.Key));
        Assert.All(terms, t => Assert.Equal(1, t.Value));
        Assert.Empty(TermLookups.TermsWithPrefix(lease, IndexFields.BodyExact, "zzz"));
        Assert.Empty(TermLookups.TermsWithPrefix(lease, "no-such-field", "e"));
    }

    [Fact]
    public void FindContentHash_KnownAndUnknownIds_ReturnsTheStoredHashOrNull()
    {
        using var lease = _index.Index.Acquire();

        Assert.Equal("hb", TermLookups.FindContentHash(lease, "b"));
        Assert.Null(TermLookups.FindContentHash(lease, "missing"));
        Assert.Equal(-1, TermLookups.FindDocId(lease, "missing"));
        Assert.Equal("c", lease.Searcher.Doc(TermLookups.FindDocId(lease, "c")).Get(IndexFields.Id));
    }

    [Fact]
    public async Task Lookups_OnAnOlderLease_SeeThatSnapshotOnly()
    {
        using var lease = _index.Index.Acquire();

        await _index.AddAsync(TestArticles.Article("d", "Eleição", "eleição outra vez", hash: "hd"));

        Assert.Null(TermLookups.FindContentHash(lease, "d"));
        Assert.Equal(2, TermLookups.DocFrequency(lease, "eleicao", IndexFields.BodyExact));
        using var newer = _index.Index.Acquire();
        Assert.Equal("hd", TermLookups.FindContentHash(newer, "d"));
    }
}
