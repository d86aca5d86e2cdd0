using Microsoft.Extensions.Options;
using SeedSearch.Search.Analysis;
using SeedSearch.Search.Indexing;
using SeedSearch.Search.Options;
using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Search.Querying;

/// <summary>
/// Answers search requests: validates them, parses the query, pages through the index and
/// highlights each hit. Invalid requests raise <see cref="RequestValidationException"/>.
/// </summary>
public sealed class ArticleSearcher
{
    private readonly ArticleIndex _index;
    private readonly ArticleQueryParser _parser;
    private readonly SnippetHighlighter _highlighter;
    private readonly QueryOptions _options;

    /// <summary>Creates the searcher over <paramref name="index"/>.</summary>
    public ArticleSearcher(ArticleIndex index, PortugueseAnalyzerFactory analyzers, IOptions<QueryOptions> options)
    {
        _index = index;
        _options = options.Value;
        _parser = new ArticleQueryParser(analyzers);
        _highlighter = new SnippetHighlighter(analyzers, _options.SnippetLength);
    }

    /// <summary>Runs one page of a search.</summary>
    public SearchResult Search(SearchQuery request)
    {
        var errors = new List<FieldError>();
        var text = request.Text ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new FieldError("query", "must not be empty"));
        }
        else if (text.Length > _options.MaxQueryLength)
        {
            errors.Add(new FieldError("query", $"must be at most {_options.MaxQueryLength} characters (got {text.Length})"));
        }

        if (request.PageSize < 0 || request.PageSize > _options.MaxPageSize)
        {
            errors.Add(new FieldError("page_size", $"must be between 0 and {_options.MaxPageSize} (got {request.PageSize})"));
        }

        var pageSize = request.PageSize == 0 ? _options.DefaultPageSize : request.PageSize;
        SearchCursor? cursor = null;
        if (!string.IsNullOrEmpty(request.PageToken) && errors.Count == 0
            && !PageTokenCodec.TryDecode(request.PageToken, text, pageSize, out cursor, out var tokenError))
        {
            errors.Add(new FieldError("page_token", tokenError));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var query = _parser.Parse(text)
            ?? throw new RequestValidationException("query", "contains no searchable words (letters or digits)");
        var page = _index.Search(query, pageSize, cursor);
        var hits = page.Hits
            .Select(h => new SearchHitResult(h.Article, h.Score, _highlighter.Highlight(query, h.Article.Body)))
            .ToList();
        var next = page.Next is null ? string.Empty : PageTokenCodec.Encode(page.Next, text, pageSize);
        return new SearchResult(page.TotalHits, hits, next);
    }
}
