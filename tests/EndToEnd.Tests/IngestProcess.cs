
namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// Starts the ingest service as a real child process (<c>dotnet SeedSearch.Ingest.dll</c> from
/// its own build output) through the tools' <see cref="ServiceProcess"/>, whose dispose is a
/// SIGKILL: what a crash or an OOM kill does.
/// </summary>
internal static class IngestProcess
{
    /// <summary>Starts ingest on a free loopback port with <paramref name="settings"/> (<c>Section:Key</c> names).</summary>
    public static ServiceProcess Start(IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var dll = Path.Combine(RepositoryRoot(), "services", "Ingest", "bin", Configuration(), "net10.0", "SeedSearch.Ingest.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The ingest build output is missing; the test project builds it as a reference.", dll);
        }

        var address = $"http://127.0.0.1:{LoopbackPorts.Take()}";
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Kestrel__Endpoints__Grpc__Url"] = address;
        environment["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0";
        environment.TryAdd("Search__ApiKey", TestSystem.IndexKey);
        environment.TryAdd("Auth__AllowAnonymousWrites", "true");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        return ServiceProcess.Start("ingest", dll, address, environment, logPath);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Search.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("Search.sln not found above " + AppContext.BaseDirectory);
    }

    // The test assembly's own configuration (bin/<Configuration>/net10.0/), so ingest matches it.
    private static string Configuration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
