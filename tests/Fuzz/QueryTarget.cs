using Microsoft.Extensions.Logging.Abstractions;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.Search.Querying;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Fuzz;

/// <summary>
/// The search use case over a small real index (the unit tests' seed article and distractors):
/// the input as query text in both syntaxes (parsed, run, highlighted, spell-checked, and its
/// second page fetched), as a page token, as a completion prefix and as an article id; then split
/// into every field of <c>Search</c> (<see cref="FuzzFields"/>: query, page size, page token,
/// syntax, published after and before, sources, tags, sort) and of <c>Suggest</c> (prefix, limit).
/// Checks: only field errors on the fields that carried the input are refused; pages are within
/// size and do not repeat hits; a lookup by any id answers or finds nothing.
/// </summary>
public sealed class QueryTarget : IFuzzTarget, IDisposable
{
    // Small pages, so that many queries have a second page and a genuine token.
    private const int PageSize = 2;

    private readonly TempDirectory _folder;
    private readonly ArticleIndex _index;
    private readonly ArticleSearcher _searcher;

    private QueryTarget(TempDirectory folder, ArticleIndex index, ArticleSearcher searcher) =>
        (_folder, _index, _searcher) = (folder, index, searcher);

    /// <summary>Builds the index in a new folder under the temp directory.</summary>
    public static QueryTarget Create()
    {
        var folder = new TempDirectory();
        var analyzers = new PortugueseAnalyzerFactory(Microsoft.Extensions.Options.Options.Create(new AnalysisOptions()));
        var index = new ArticleIndex(folder.Path, analyzers, 16, TimeSpan.FromMinutes(10), TimeProvider.System, NullLogger<ArticleIndex>.Instance);
        index.UpsertAsync([TestArticles.Seed, .. TestArticles.Distractors], CancellationToken.None).GetAwaiter().GetResult();
        index.CommitAsync(CancellationToken.None).GetAwaiter().GetResult();
        var searcher = new ArticleSearcher(index, analyzers, Microsoft.Extensions.Options.Options.Create(new QueryOptions()));
        return new QueryTarget(folder, index, searcher);
    }

    /// <inheritdoc />
    public void Run(string input)
    {
        foreach (var syntax in new[] { QuerySyntax.Simple, QuerySyntax.Lucene })
        {
            SearchPages(input, syntax);
        }

        Refused("page_token", () => _searcher.Search(new SearchQuery("otan", PageSize, input)));
        Refused("prefix", () => _searcher.Suggest(input, 5));
        var found = _index.Get(input);
        InvariantViolation.Check(found is null || found.Id == input, "a lookup returned another article");

        var fields = new FuzzFields(input);
        if (fields.IsStructured)
        {
            var query = new SearchQuery(fields.Text(0), (int)Math.Clamp(fields.Number(1), int.MinValue, int.MaxValue), fields.Text(2),
                (QuerySyntax)(Math.Abs(fields.Number(3)) % 2), fields.Instant(4), fields.Instant(5), fields.List(6), fields.List(7),
                (IndexSort)(Math.Abs(fields.Number(8)) % 3));
            var page = Refused(SearchFields, () => _searcher.Search(query));
            if (page is not null)
            {
                InvariantViolation.Check(page.TotalHits >= page.Hits.Count, $"page of {page.Hits.Count} hits, total {page.TotalHits}");
            }

            Refused(["prefix", "limit"], () => _searcher.Suggest(fields.Text(0), (int)Math.Clamp(fields.Number(1), int.MinValue, int.MaxValue)));
        }
    }

    private static readonly string[] SearchFields =
        ["query", "page_size", "page_token", "published_after", "published_before", "sources", "tags"];

    /// <inheritdoc />
    public void Dispose()
    {
        _index.Dispose();
        _folder.Dispose();
    }

    private void SearchPages(string text, QuerySyntax syntax)
    {
        var first = Refused("query", () => _searcher.Search(new SearchQuery(text, PageSize, "", syntax)));
        if (first is null)
        {
            return;
        }

        CheckPage(first);
        if (first.NextPageToken.Length > 0)
        {
            var second = _searcher.Search(new SearchQuery(text, PageSize, first.NextPageToken, syntax));
            CheckPage(second);
            InvariantViolation.Check(!second.Hits.Any(h => first.Hits.Any(f => f.Article.Id == h.Article.Id)),
                $"{syntax}: the second page repeats a hit of the first");
        }
    }

    private static void CheckPage(SearchResult page) =>
        InvariantViolation.Check(page.Hits.Count <= PageSize && page.TotalHits >= page.Hits.Count,
            $"page of {page.Hits.Count} hits, total {page.TotalHits}");

    // Runs a call whose only permitted failure is a field error on a field that carried the input.
    private static T? Refused<T>(string field, Func<T> call) where T : class => Refused([field], call);

    private static T? Refused<T>(IReadOnlyCollection<string> fields, Func<T> call) where T : class
    {
        try
        {
            return call();
        }
        catch (RequestValidationException ex)
        {
            // A list field's violation names its item: tags[0].
            InvariantViolation.Check(ex.Errors.All(e => fields.Contains(e.Field.Split('[')[0])),
                $"refused with a field other than {string.Join(", ", fields)}: {ex.Message}");
            return null;
        }
    }
}
