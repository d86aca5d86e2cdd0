using System.CommandLine;
using SeedSearch.Text;

namespace SeedSearch.Importer;

/// <summary>The command line: arguments, options and their validation, mapped onto an <see cref="ImportRequest"/>.</summary>
public static class ImporterCommand
{
    /// <summary>Parses <paramref name="args"/> and runs the import. Bad arguments exit with 2.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files and folders to import (.txt, .md, .html, .htm, .json, .jsonl, .ndjson, each optionally .gz); folders are walked recursively",
            Arity = ArgumentArity.OneOrMore,
        };
        var address = new Option<string>("--address")
        {
            Description = "Ingest gRPC address",
            DefaultValueFactory = _ => "http://127.0.0.1:5200",
        };
        address.Validators.Add(r =>
        {
            if (!Uri.TryCreate(r.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                r.AddError("--address must be an absolute http:// or https:// URL");
            }
        });
        var chunkSize = new Option<int>("--chunk-size")
        {
            Description = "Articles per IngestArticles call (a failure retries at most this many)",
            DefaultValueFactory = _ => 10_000,
        };
        AtLeast(chunkSize, 1);
        var source = new Option<string>("--source") { Description = "Source for articles that have none" };
        var contentType = new Option<string>("--content-type") { Description = "Content type forced on every article" };
        contentType.AcceptOnlyFromAmong([.. ContentTypes.All]);
        var dryRun = new Option<bool>("--dry-run") { Description = "Parse and count only; send nothing" };
        var apiKey = new Option<string>("--api-key") { Description = "Sent as 'authorization: Bearer <key>' metadata" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output (for CI)" };
        var waitForIndexed = new Option<bool>("--wait-for-indexed")
        {
            Description = "Count a chunk as done only once it is searchable (default: once ingest has stored it durably)",
        };
        var maxShown = new Option<int>("--max-rejections-shown")
        {
            Description = "Rejected and malformed items listed in the summary (all are counted)",
            DefaultValueFactory = _ => 20,
        };
        AtLeast(maxShown, 0);

        var root = new RootCommand("Imports article files into a running Seed Search ingest service through ingest.v1.IngestService/IngestArticles.")
        {
            paths, address, chunkSize, source, contentType, dryRun, apiKey, quiet, waitForIndexed, maxShown,
        };
        root.SetAction((result, token) => ImportRunner.RunAsync(
            new ImportRequest(
                result.GetRequiredValue(paths),
                new Uri(result.GetRequiredValue(address)),
                new ImportSettings
                {
                    ChunkSize = result.GetValue(chunkSize),
                    DefaultSource = result.GetValue(source) ?? string.Empty,
                    ContentTypeOverride = result.GetValue(contentType) ?? string.Empty,
                    MaxProblemsShown = result.GetValue(maxShown),
                },
                result.GetValue(dryRun),
                result.GetValue(apiKey),
                result.GetValue(quiet),
                result.GetValue(waitForIndexed)),
            Console.Out, Console.Error, token));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return ImportRunner.FatalExitCode;
        }

        return await parsed.InvokeAsync(cancellationToken: cancellationToken);
    }

    private static void AtLeast(Option<int> option, int minimum) =>
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < minimum)
            {
                r.AddError($"{option.Name} must be at least {minimum}");
            }
        });
}
