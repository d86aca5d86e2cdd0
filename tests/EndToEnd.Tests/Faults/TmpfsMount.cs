using System.Diagnostics;

namespace SeedSearch.EndToEnd.Tests.Faults;

/// <summary>
/// A small tmpfs mounted on a temporary folder: a real file system that can be filled up (disk
/// full), turned read-only or closed to new files (no permission), then given back. Needs root (or CAP_SYS_ADMIN); without it the
/// test is skipped with the reason. Unmounts and deletes the folder on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private const string FillerName = "filler";
    private readonly List<string> _readOnlyViews = [];
    private readonly List<string> _immutable = [];

    private readonly long _sizeBytes;

    private TmpfsMount(string path, long sizeBytes)
    {
        Path = path;
        _sizeBytes = sizeBytes;
    }

    /// <summary>The mount point.</summary>
    public string Path { get; }

    /// <summary>Mounts a tmpfs of <paramref name="sizeMb"/> MiB, or skips the test when mounting is not permitted.</summary>
    public static TmpfsMount Create(int sizeMb)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "seed-search-tmpfs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        var (ok, output) = Run("mount", "-t", "tmpfs", "-o", $"size={sizeMb}m", "tmpfs", path);
        if (!ok)
        {
            Directory.Delete(path);
        }

        Skip.IfNot(ok, $"cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): {output}");
        return new TmpfsMount(path, sizeMb * 1024L * 1024);
    }

    /// <summary>Writes a filler file until the file system reports it is full (ENOSPC).</summary>
    public void Fill()
    {
        // Never more than the tmpfs can hold, so a mount that did not happen cannot fill the real disk.
        Assert.Equal("tmpfs", new DriveInfo(Path).DriveFormat);
        var buffer = new byte[64 * 1024];
        using var filler = new FileStream(System.IO.Path.Combine(Path, FillerName), FileMode.Create, FileAccess.Write, FileShare.None, 1);
        for (long written = 0; written <= _sizeBytes; written += buffer.Length)
        {
            try
            {
                filler.Write(buffer);
            }
            catch (IOException)
            {
                // No space left on device: what we wanted.
                return;
            }
        }

        Assert.Fail($"{Path} took more than its {_sizeBytes} bytes without reporting it was full");
    }

    /// <summary>Deletes the filler file, giving the space back.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, FillerName));

    /// <summary>
    /// Makes <paramref name="directory"/> (inside the mount) read-only: new files and writes fail
    /// with EROFS. <c>mount -o remount,ro</c> on the tmpfs itself is refused (EBUSY) while a
    /// process holds a file open for writing, as a live IndexWriter does with its write.lock, so
    /// this mounts a read-only bind of the directory over itself, which takes no such check.
    /// </summary>
    public void MakeReadOnly(string directory)
    {
        Check(Run("mount", "--bind", directory, directory));
        _readOnlyViews.Add(directory);
        Check(Run("mount", "-o", "remount,bind,ro", directory));
    }

    /// <summary>Makes <paramref name="directory"/> writable again by lifting the read-only view.</summary>
    public void MakeWritable(string directory)
    {
        // Lazy: files opened through the read-only view (the searchers' segments) stay readable.
        Check(Run("umount", "-l", directory));
        _readOnlyViews.Remove(directory);
    }

    /// <summary>
    /// Takes away the right to create or delete files in <paramref name="directory"/>: the
    /// immutable attribute (<c>chattr +i</c>), which stops root too, where file modes do not.
    /// Creating a file then fails with EPERM, which .NET reports as UnauthorizedAccessException,
    /// as it does EACCES.
    /// </summary>
    public void DenyWrites(string directory)
    {
        Check(Run("chattr", "+i", directory));
        _immutable.Add(directory);
    }

    /// <summary>Gives back what <see cref="DenyWrites"/> took.</summary>
    public void AllowWrites(string directory)
    {
        Check(Run("chattr", "-i", directory));
        _immutable.Remove(directory);
    }

    public void Dispose()
    {
        foreach (var directory in _immutable)
        {
            Run("chattr", "-i", directory);
        }

        foreach (var view in _readOnlyViews)
        {
            Run("umount", "-l", view);
        }

        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static void Check((bool Ok, string Output) result) => Assert.True(result.Ok, result.Output);

    private static (bool Ok, string Output) Run(string command, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(command, args) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode == 0, $"{command} {string.Join(' ', args)}: exit {process.ExitCode} {output}".Trim());
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (false, $"{command}: {ex.Message}");
        }
    }
}
