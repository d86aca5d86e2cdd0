using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Net.Client;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// The ingest service as a real child process (<c>dotnet SeedSearch.Ingest.dll</c> from its own
/// build output), so a test can SIGKILL it the way a crash would.
/// </summary>
public sealed class IngestProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private IngestProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts ingest on <paramref name="port"/> (0: a free one) with the given settings.</summary>
    public static IngestProcess Start(IReadOnlyDictionary<string, string> settings, int port = 0)
    {
        var dll = Path.Combine(RepositoryRoot(), "services", "Ingest", "bin", Configuration(), "net10.0", "SeedSearch.Ingest.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("The ingest build output is missing; the test project builds it as a reference.", dll);
        }

        var address = new Uri($"http://127.0.0.1:{(port == 0 ? FreePort() : port)}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Kestrel__Endpoints__Grpc__Url"] = address.ToString().TrimEnd('/');
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var ingest = new IngestProcess(process, address);
        process.OutputDataReceived += (_, e) => ingest.Append(e.Data);
        process.ErrorDataReceived += (_, e) => ingest.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return ingest;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing, like a crash or an OOM kill.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
