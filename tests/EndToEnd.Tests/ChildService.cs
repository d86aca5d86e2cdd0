
namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// Starts a service as a real child process (<c>dotnet SeedSearch.&lt;Project&gt;.dll</c> from its
/// own build output) through the tools' <see cref="ServiceProcess"/>, whose dispose is a SIGKILL:
/// what a crash or an OOM kill does.
/// </summary>
internal static class ChildService
{
    /// <summary>
    /// Starts <c>services/<paramref name="project"/></c> on a free loopback port in the Production
    /// environment, with <paramref name="settings"/> (<c>Section:Key</c> names) as environment variables.
    /// </summary>
    public static ServiceProcess Start(string project, IReadOnlyDictionary<string, string> settings, string logPath)
    {
        var dll = Path.Combine(LocalSystem.FindRepository(), "services", project, "bin", Configuration(), "net10.0", $"SeedSearch.{project}.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The {project} build output is missing; the test project builds it as a reference.", dll);
        }

        var address = $"http://127.0.0.1:{LoopbackPorts.Take()}";
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Kestrel__Endpoints__Grpc__Url"] = address;
        environment["Kestrel__Endpoints__Web__Url"] = "http://127.0.0.1:0";
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        return ServiceProcess.Start(project.ToLowerInvariant(), dll, address, environment, logPath);
    }

    // The test assembly's own configuration (bin/<Configuration>/net10.0/), so the service matches it.
    private static string Configuration() =>
        new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
