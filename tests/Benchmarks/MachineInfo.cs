using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SeedSearch.Benchmarks;

/// <summary>What a result depends on besides the code: date, commit, cores, memory, runtime.</summary>
internal sealed record MachineInfo(DateTimeOffset Date, string Commit, int Cores, string Cpu, long MemoryBytes, string Runtime, string Os)
{
    public static MachineInfo Read(string repo) => new(
        DateTimeOffset.UtcNow,
        ReadCommit(repo),
        Environment.ProcessorCount,
        ProcField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.TryParse(ProcField("/proc/meminfo", "MemTotal")?.Split(' ')[0], CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : 0,
        RuntimeInformation.FrameworkDescription,
        RuntimeInformation.OSDescription);

    // Short hash, marked when the working tree has uncommitted changes.
    private static string ReadCommit(string repo)
    {
        var hash = Git(repo, "rev-parse --short HEAD") ?? "unknown";
        return string.IsNullOrEmpty(Git(repo, "status --porcelain --untracked-files=no")) ? hash : hash + " (with uncommitted changes)";
    }

    private static string? Git(string repo, string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = repo, RedirectStandardOutput = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static string? ProcField(string path, string name) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.StartsWith(name, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':') + 1)..].Trim()).FirstOrDefault()
            : null;
}
