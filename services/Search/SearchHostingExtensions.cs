using Microsoft.Extensions.Options;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.Search.Replication;
using SeedSearch.Search.Watching;
using SeedSearch.ServiceDefaults;
using SeedSearch.ServiceDefaults.ArticleLog;

namespace SeedSearch.Search;

/// <summary>Registers the search service's domain: options, analysis, the index and the searcher.</summary>
public static class SearchHostingExtensions
{
    /// <summary>Adds everything the search service needs besides the shared defaults.</summary>
    public static IHostApplicationBuilder AddSearchServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IndexOptions>().BindConfiguration(IndexOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<QueryOptions>().BindConfiguration(QueryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AnalysisOptions>().BindConfiguration(AnalysisOptions.SectionName);
        services.AddOptions<RankingOptions>().BindConfiguration(RankingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DuplicateOptions>().BindConfiguration(DuplicateOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PortugueseAnalyzerFactory>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<IndexOptions>>().Value;
            var ranking = sp.GetRequiredService<IOptions<RankingOptions>>().Value;
            var path = Path.IsPathRooted(options.Path)
                ? options.Path
                : Path.Combine(sp.GetRequiredService<IHostEnvironment>().ContentRootPath, options.Path);
            var query = sp.GetRequiredService<IOptions<QueryOptions>>().Value;
            return new ArticleIndex(
                path,
                sp.GetRequiredService<PortugueseAnalyzerFactory>(),
                options.RamBufferSizeMb,
                query.PageTokenLifetime,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<ArticleIndex>>(),
                CoordinatedBm25Similarity.From(ranking),
                query.MaxPageTokenSnapshots,
                sp.GetRequiredService<IOptions<DuplicateOptions>>().Value);
        });
        services.AddSingleton<BatchIndexer>();
        services.AddStartupSingleton<IndexMetrics>();
        services.AddSingleton<ArticleSearcher>();
        services.AddSingleton<RelatedArticles>();

        // Standing queries: articles a commit made searchable are matched in the background.
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ArticleMatcher>();
        services.AddSingleton(sp => new SnippetHighlighter(sp.GetRequiredService<PortugueseAnalyzerFactory>(),
            sp.GetRequiredService<IOptions<QueryOptions>>().Value.SnippetLength));
        services.AddSingleton<WatchHub>();
        services.AddHostedService(sp => sp.GetRequiredService<WatchHub>());
        services.AddHostedService<IndexOpener>();
        services.AddHealthChecks().AddCheck<IndexHealthCheck>("index");

        // A replica follows the article log instead of taking writes from ingest.
        services.AddOptions<ArticleLogOptions>().BindConfiguration(ArticleLogOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReplicationState>();
        services.AddStartupSingleton<ReplicationMetrics>();
        if (builder.Configuration.GetValue<bool>($"{ArticleLogOptions.SectionName}:{nameof(ArticleLogOptions.Enabled)}"))
        {
            services.AddHostedService<ArticleLogReplicator>();
        }
        return builder;
    }
}
