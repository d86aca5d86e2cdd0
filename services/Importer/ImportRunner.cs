using Grpc.Net.Client;
using SeedSearch.ArticleFiles;
using SeedSearch.Contracts.Ingest.V1;
using Spectre.Console;

namespace SeedSearch.Importer;

/// <summary>
/// Runs one import end to end: expands the paths, connects, streams with progress, prints the
/// summary and turns the outcome into an exit code (0 all accepted, 1 some rejected or
/// malformed, 2 fatal).
/// </summary>
public static class ImportRunner
{
    /// <summary>Exit code for a fatal error: bad paths, or ingest unreachable after retries.</summary>
    public const int FatalExitCode = 2;

    /// <summary>Runs <paramref name="request"/>, writing the summary to <paramref name="output"/> and errors and plain progress to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(ImportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files;
        try
        {
            files = ArticleFileReader.ExpandPaths(request.Paths);
        }
        catch (FileNotFoundException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return FatalExitCode;
        }

        using var channel = request.DryRun ? null : GrpcChannel.ForAddress(request.Address);
        var uploader = channel is null
            ? null
            : new GrpcChunkUploader(new IngestService.IngestServiceClient(channel), request.ApiKey, request.Settings.CallTimeout, request.WaitForIndexed);
        try
        {
            var summary = await ImportWithProgressAsync(files, uploader, request, error, cancellationToken);
            SummaryWriter.Write(summary, output);
            return summary.ExitCode;
        }
        catch (ImportFailedException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            SummaryWriter.Write(ex.Summary, output);
            return FatalExitCode;
        }
    }

    private static Task<ImportSummary> ImportWithProgressAsync(
        IReadOnlyList<string> files, IChunkUploader? uploader, ImportRequest request, TextWriter error, CancellationToken cancellationToken)
    {
        ChunkedImporter Importer(IImportProgress progress) => new(uploader, request.Settings, progress, TimeProvider.System);

        if (request.Quiet)
        {
            return Importer(new NullProgress()).ImportAsync(files, cancellationToken);
        }

        // A redrawn bar only makes sense on a terminal; logs get a plain line every few seconds.
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return Importer(new PlainProgress(error, TimeSpan.FromSeconds(5))).ImportAsync(files, cancellationToken);
        }

        return AnsiConsole.Progress()
            .Columns(new SpinnerColumn(), new ElapsedTimeColumn(), new TaskDescriptionColumn { Alignment = Justify.Left })
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 1);
                task.IsIndeterminate = true;
                var summary = await Importer(new SpectreProgress(task)).ImportAsync(files, cancellationToken);
                task.Value = 1;
                task.StopTask();
                return summary;
            });
    }
}
