using System.Collections.Concurrent;
using System.Diagnostics;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.ServiceDefaults;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>One trace follows an article from ingest's request through the outbox to search's commit.</summary>
public sealed class TelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly ConcurrentBag<Activity> _stopped = [];
    private readonly ActivityListener _listener;
    private TestSystem _system = null!;

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is HostingExtensions.TelemetrySourceName or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Task InitializeAsync()
    {
        _system = TestSystem.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task IngestedArticle_IndexSpanJoinsTheIngestRequestTrace()
    {
        var response = await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle { Title = "Rastreio", Body = "O farol da Berlenga foi automatizado em 1985 e continua a orientar os navios." },
        });

        // Search answers after its commit; the span ends right after that, so it may trail the answer.
        Activity? index = null;
        await Poll.UntilAsync(() => Task.FromResult((index = _stopped.FirstOrDefault(a => a.OperationName == "index article"
            && Equals(a.GetTagItem("article.id"), response.Id))) is not null), TimeSpan.FromSeconds(10), () => "no index span");
        var request = _stopped.Single(a => a.SpanId == index!.ParentSpanId);

        Assert.Equal(index!.TraceId, request.TraceId);
        Assert.Equal(ActivityKind.Server, request.Kind);
        Assert.Contains("ingest.v1.IngestService/IngestArticle", request.DisplayName + " " + request.GetTagItem("url.path"));
        Assert.Equal("Created", index.GetTagItem("article.status"));
        // The span covers the article's stay in search up to the commit that made it searchable.
        Assert.True(index.StartTimeUtc >= request.StartTimeUtc);
    }
}
