using Lucene.Net.Index;
using Lucene.Net.Search;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Duplicates;

public sealed class ClusteringTests
{
    private static readonly Query Otan = new TermQuery(new Term(IndexFields.BodyExact, "otan"));

    [Fact]
    public async Task Copies_ShareACluster_AndASearchShowsTheStoryOnce_ListingItsCopies()
    {
        using var index = new TestIndex();
        await index.AddAsync(TestArticles.Seed, Copies.Article("other", Copies.OtherStory(1) + " OTAN", "Folha"));
        await index.AddAsync(Copies.Article("copy", Copies.OneSentenceChanged(), "G1"));

        var collapsed = index.Search(Request(collapse: true));
        var all = index.Search(Request(collapse: false));

        Assert.Equal(2, collapsed.Hits.Count);
        Assert.Single(Ids(collapsed), id => id is "seed" or "copy");
        var story = collapsed.Hits.Single(h => h.Article.Id != "other");
        var copy = Assert.Single(story.Copies);
        Assert.Equal(story.Article.Id == "seed" ? ("copy", "G1") : ("seed", "Teste"), (copy.Id, copy.Source));
        Assert.Equal(1, story.CopyCount);
        Assert.Empty(collapsed.Hits.Single(h => h.Article.Id == "other").Copies);
        Assert.Equal(["copy", "other", "seed"], Ids(all).Order());
        Assert.All(all.Hits, h => Assert.Empty(h.Copies));
        Assert.Equal(3, collapsed.TotalHits);
    }

    [Fact]
    public async Task CopiesInOneBatch_AndAcrossBatchesBeforeTheSearcherReopens_ShareACluster()
    {
        using var index = new TestIndex();
        await index.Index.UpsertAsync([TestArticles.Seed, Copies.Article("copy1", Copies.OneSentenceChanged(1), "A")], CancellationToken.None);
        await index.Index.UpsertAsync([Copies.Article("copy2", Copies.OneSentenceChanged(3), "B")], CancellationToken.None);
        await index.Index.CommitAsync(CancellationToken.None);

        Assert.Single(ClusterOf(index, "seed", "copy1", "copy2").Distinct());
    }

    [Fact]
    public async Task Clusters_SurviveARestart_AndALaterCopyJoinsThem()
    {
        using var index = new TestIndex();
        await index.AddAsync(TestArticles.Seed, Copies.Article("copy1", Copies.OneSentenceChanged(1), "A"));
        var before = ClusterOf(index, "seed", "copy1");

        index.Reopen();
        await index.AddAsync(Copies.Article("copy2", Copies.OneSentenceChanged(4), "B"));

        Assert.Equal(before, ClusterOf(index, "seed", "copy1"));
        Assert.Equal(before[0], ClusterOf(index, "copy2")[0]);
        Assert.Equal(2, index.Search(Request(collapse: true)).Hits.Single().CopyCount);
    }

    [Fact]
    public async Task AnUpdatedArticle_ThatIsNoLongerACopy_LeavesItsCluster_AndItsCopiesStayTogether()
    {
        using var index = new TestIndex();
        await index.AddAsync(TestArticles.Seed, Copies.Article("copy1", Copies.OneSentenceChanged(1), "A"), Copies.Article("copy2", Copies.OneSentenceChanged(4), "B"));
        var story = ClusterOf(index, "seed")[0];

        await index.AddAsync(TestArticles.Article("seed", "Outro assunto", Copies.OtherStory(7) + " OTAN", "h2"));

        Assert.Equal([story, story], ClusterOf(index, "copy1", "copy2"));
        Assert.NotEqual(story, ClusterOf(index, "seed")[0]);
        Assert.Equal(2, index.Search(Request(collapse: true)).Hits.Count);
    }

    [Fact]
    public async Task DeletedCopies_AreNotListed()
    {
        using var index = new TestIndex();
        await index.AddAsync(TestArticles.Seed, Copies.Article("copy", Copies.OneSentenceChanged(), "G1"));
        await index.Index.DeleteAsync("copy", CancellationToken.None);

        var hit = Assert.Single(index.Search(Request(collapse: true)).Hits);
        Assert.Empty(hit.Copies);
        Assert.Equal(0, hit.CopyCount);
    }

    [Theory]
    [InlineData(IndexSort.Relevance)]
    [InlineData(IndexSort.Newest)]
    public async Task AWalkThroughCollapsedPages_ShowsEveryStoryOnce_AndNoCopyAsAHit(IndexSort sort)
    {
        using var index = new TestIndex();
        var articles = new List<IndexedArticle>();
        for (var story = 0; story < 7; story++)
        {
            var body = Copies.OtherStory(100 + story) + " OTAN";
            for (var copy = 0; copy < 1 + (story % 3); copy++)
            {
                articles.Add(TestArticles.Article($"s{story}-c{copy}", $"História {story}", copy == 0 ? body : body + $" Atualização {copy}.") with
                {
                    PublishedAt = DateTimeOffset.UnixEpoch.AddDays(story * 10 + copy),
                });
            }
        }

        await index.AddAsync([.. articles]);
        var stories = new List<string>();
        SearchCursor? cursor = null;
        do
        {
            var page = index.Search(Request(collapse: true, pageSize: 2, sort: sort), cursor);
            stories.AddRange(page.Hits.Select(h => h.Article.Id.Split('-')[0]));
            Assert.All(page.Hits, h => Assert.Equal(h.CopyCount, h.Copies.Count));
            cursor = page.Next;
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(s => $"s{s}").Order(), stories.Order());
    }

    private static IndexSearchRequest Request(bool collapse, int pageSize = 10, IndexSort sort = IndexSort.Relevance) =>
        new(Otan, null, sort, pageSize, CountFacets: false, CollapseCopies: collapse);

    private static IEnumerable<string> Ids(IndexPage page) => page.Hits.Select(h => h.Article.Id);

    private static string[] ClusterOf(TestIndex index, params string[] ids)
    {
        using var lease = index.Index.Acquire();
        return [.. ids.Select(id =>
        {
            var hit = lease.Searcher.Search(new TermQuery(new Term(IndexFields.Id, id)), 1).ScoreDocs.Single();
            return lease.Searcher.Doc(hit.Doc).Get(IndexFields.Cluster) ?? throw new InvalidOperationException($"{id} has no cluster");
        })];
    }
}
