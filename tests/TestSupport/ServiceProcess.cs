using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;

namespace SeedSearch.TestSupport;

/// <summary>One service run as <c>dotnet &lt;dll&gt;</c>, its stdout and stderr captured to a log file.</summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    // grpc.health.v1.Health/Check spoken as raw bytes: the Grpc.HealthCheck stubs are not a
    // dependency of this tool, and the messages are one field each.
    private static readonly Method<byte[], byte[]> HealthCheck = new(
        MethodType.Unary, "grpc.health.v1.Health", "Check", Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));

    // HealthCheckResponse { status: SERVING (1) }: field 1, varint 1.
    private static readonly byte[] Serving = [0x08, 0x01];

    private readonly Process _process;
    private readonly TextWriter _log;

    private ServiceProcess(string name, Process process, TextWriter log, string logPath, string address)
    {
        Name = name;
        LogPath = logPath;
        Channel = GrpcChannel.ForAddress(address);
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public string LogPath { get; }

    public GrpcChannel Channel { get; }

    /// <summary>
    /// Peak resident set size of the process so far (VmHWM on Linux), in bytes; 0 once it has exited.
    /// </summary>
    public long PeakResidentBytes
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.HasExited ? 0 : _process.PeakWorkingSet64;
            }
            catch (InvalidOperationException)
            {
                return 0;
            }
        }
    }

    /// <summary>Resident set size now (VmRSS of /proc/&lt;pid&gt;/status), in bytes; 0 once the process has exited.</summary>
    public long ResidentBytes
    {
        get
        {
            try
            {
                var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                // "VmRSS:     123456 kB"
                return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
                return 0;
            }
        }
    }

    /// <summary>CPU time the process has used so far (user + system); zero once it has exited.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>Starts <paramref name="dll"/> in its own folder (the content root that holds appsettings.json).</summary>
    public static ServiceProcess Start(string name, string dll, string address, IReadOnlyDictionary<string, string> environment, string logPath)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        // A shell that ran the Aspire host may still export this; the services would try to export to it.
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(name, process, log, logPath, address);
    }

    /// <summary>Polls the standard health service until it answers SERVING.</summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var invoker = Channel.CreateCallInvoker();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} during start-up; see {LogPath}");
            }

            try
            {
                var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
                if ((await invoker.AsyncUnaryCall(HealthCheck, null, options, [])).AsSpan().SequenceEqual(Serving))
                {
                    return;
                }
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not report SERVING within {timeout.TotalSeconds:F0} s; see {LogPath}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        Channel.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        // The parameterless wait also drains the redirected output into the log before it is closed.
        _process.WaitForExit();
        _process.Dispose();
        _log.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Append(TextWriter log, string? line)
    {
        if (line is not null)
        {
            log.WriteLine(line);
        }
    }
}
