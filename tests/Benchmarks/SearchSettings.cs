using Lucene.Net.Search.Similarities;
using Microsoft.Extensions.Configuration;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;

namespace SeedSearch.Benchmarks;

/// <summary>
/// The search service's settings as its process sees them (its appsettings.json plus the
/// <c>--search-env</c> overrides), so the in-process runs use the same analysis, buffer and ranking.
/// </summary>
internal sealed class SearchSettings
{
    private SearchSettings(IConfiguration configuration)
    {
        Index = configuration.GetSection(IndexOptions.SectionName).Get<IndexOptions>() ?? new();
        Query = configuration.GetSection(QueryOptions.SectionName).Get<QueryOptions>() ?? new();
        Analysis = configuration.GetSection(AnalysisOptions.SectionName).Get<AnalysisOptions>() ?? new();
        Ranking = configuration.GetSection(RankingOptions.SectionName).Get<RankingOptions>() ?? new();
    }

    public IndexOptions Index { get; }

    public QueryOptions Query { get; }

    public AnalysisOptions Analysis { get; }

    public RankingOptions Ranking { get; }

    /// <summary>Reads services/Search/appsettings.json of <paramref name="repo"/> and applies <paramref name="overrides"/> (Section__Key=value).</summary>
    public static SearchSettings Load(string repo, IReadOnlyDictionary<string, string> overrides) =>
        new(new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(repo, "services", "Search", "appsettings.json"), optional: false)
            .AddInMemoryCollection(overrides.Select(o => KeyValuePair.Create(o.Key.Replace("__", ":", StringComparison.Ordinal), (string?)o.Value)))
            .Build());

    /// <summary>The analyzer factory the service builds from these settings.</summary>
    public PortugueseAnalyzerFactory CreateAnalyzers() => new(Microsoft.Extensions.Options.Options.Create(Analysis));

    /// <summary>The similarity the service builds from these settings.</summary>
    public Similarity CreateSimilarity() => CoordinatedBm25Similarity.From(Ranking);
}
