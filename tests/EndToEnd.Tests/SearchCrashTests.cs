using Grpc.Core;
using SeedSearch.Contracts.Search.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// SIGKILL of the search process while writes stream in: every article whose IndexArticles call
/// was answered (the durable-commit acknowledgement) is there after a restart, exactly once, and
/// Lucene's CheckIndex finds the directory clean.
/// </summary>
public sealed class SearchCrashTests
{
    private const string Marker = "zeferinoqueda";
    private const int ArticlesPerCall = 10;
    private const int Writers = 2;
    // Enough commits that the kill lands among upserts and commits, few enough for a quick test.
    private const int AcknowledgedBeforeKill = 150;

    [Fact]
    public async Task IndexArticles_SearchKilledMidStream_EveryAcknowledgedArticleSurvivesAndTheIndexIsClean()
    {
        using var data = new TempDirectory();
        var indexPath = data.Combine("index");
        // Small writer batches: each call's articles reach the IndexWriter in several pieces before its commit.
        var settings = new Dictionary<string, string> { ["Index:MaxBatchSize"] = "4" };
        var acknowledged = new List<string>();
        var sent = new List<string>();
        var first = SearchProcess.Start(indexPath, data.Combine("search-1.log"), settings);
        AsyncClientStreamingCall<IndexArticlesRequest, IndexArticlesResponse>? held = null;
        Task[] writers;
        var killed = new CancellationTokenSource();
        try
        {
            await first.WaitUntilServingAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            var client = new IndexService.IndexServiceClient(first.Channel);
            writers = Enumerable.Range(0, Writers).Select(w => WriteUntilKilledAsync(client, w, sent, acknowledged, killed.Token)).ToArray();

            // A stream still open at the kill: its articles are handed to the writer but never acknowledged.
            held = client.IndexArticles(TestSystem.IndexCredentials);
            for (var i = 0; i < 6; i++)
            {
                await held.RequestStream.WriteAsync(Request($"aberto-{i}"));
                Record(sent, $"aberto-{i}");
            }

            await Poll.UntilAsync(() => Task.FromResult(Count(acknowledged) >= AcknowledgedBeforeKill || writers.Any(w => w.IsCompleted)),
                TimeSpan.FromMinutes(1), () => $"{Count(acknowledged)} acknowledged; see {first.LogPath}");
            Assert.DoesNotContain(writers, w => w.IsCompleted);
        }
        finally
        {
            await killed.CancelAsync();
            // SIGKILL while both writers stream: no shutdown, no final commit.
            await first.DisposeAsync();
            held?.Dispose();
        }

        await Task.WhenAll(writers);
        AssertClean(indexPath, "after the SIGKILL");

        var expected = Snapshot(acknowledged);
        await using (var second = SearchProcess.Start(indexPath, data.Combine("search-2.log"), settings))
        {
            await second.WaitUntilServingAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
            var search = new SearchService.SearchServiceClient(second.Channel);
            var found = await AllIdsAsync(search);

            Assert.Empty(expected.Except(found));
            // Nothing that was never sent, and no id twice (upserts by id).
            Assert.Empty(found.Except(Snapshot(sent)));
            Assert.Equal(found.Count, (await search.SearchAsync(new SearchRequest { Query = Marker, PageSize = 1 })).TotalHits);
            var one = await search.GetArticleAsync(new GetArticleRequest { Id = expected[^1] });
            Assert.Contains(Marker, one.Article.Body);
        }

        AssertClean(indexPath, "after the restarted search was killed");
    }

    // Streams calls of ArticlesPerCall back to back and records each call's ids once it is answered.
    // Failing calls are expected only after the kill; before it they fail the test.
    private static async Task WriteUntilKilledAsync(IndexService.IndexServiceClient client, int writer, List<string> sent, List<string> acknowledged,
        CancellationToken killed)
    {
        for (var call = 0; ; call++)
        {
            var ids = Enumerable.Range(0, ArticlesPerCall).Select(i => $"queda-{writer}-{call:D4}-{i}").ToList();
            try
            {
                using var stream = client.IndexArticles(TestSystem.IndexCredentials);
                foreach (var id in ids)
                {
                    Record(sent, id);
                    await stream.RequestStream.WriteAsync(Request(id));
                }

                await stream.RequestStream.CompleteAsync();
                var response = await stream;
                Assert.Equal(ids, response.Results.Select(r => r.Id));
                lock (acknowledged)
                {
                    acknowledged.AddRange(ids);
                }
            }
            catch (Exception ex) when (killed.IsCancellationRequested && ex is RpcException or IOException or HttpRequestException or ObjectDisposedException
                or InvalidOperationException)
            {
                return;
            }
        }
    }

    private static IndexArticlesRequest Request(string id) => new()
    {
        Article = new Article { Id = id, Title = $"Notícia {id}", Body = $"O ministro {Marker} anunciou a medida {id} em Brasília.", ContentHash = id },
    };

    private static async Task<HashSet<string>> AllIdsAsync(SearchService.SearchServiceClient search)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var request = new SearchRequest { Query = Marker, PageSize = 100 };
        while (true)
        {
            var page = await search.SearchAsync(request);
            foreach (var hit in page.Hits)
            {
                Assert.True(ids.Add(hit.Id), $"{hit.Id} appears twice");
            }

            if (page.NextPageToken.Length == 0)
            {
                return ids;
            }

            request.PageToken = page.NextPageToken;
        }
    }

    private static void AssertClean(string indexPath, string when)
    {
        var (clean, report) = IndexContents.Check(indexPath);
        Assert.True(clean, $"CheckIndex {when}:\n{report}");
    }

    private static void Record(List<string> ids, string id)
    {
        lock (ids)
        {
            ids.Add(id);
        }
    }

    private static int Count(List<string> ids)
    {
        lock (ids)
        {
            return ids.Count;
        }
    }

    private static List<string> Snapshot(List<string> ids)
    {
        lock (ids)
        {
            return [.. ids];
        }
    }
}
