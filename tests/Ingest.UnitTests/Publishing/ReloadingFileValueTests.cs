using Microsoft.Extensions.Time.Testing;
using SeedSearch.ServiceDefaults.Security;

namespace SeedSearch.Ingest.UnitTests.Publishing;

public sealed class ReloadingFileValueTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Current_FileChanged_IsReadAgainOnceTheCheckIsDue()
    {
        var path = Write("a.txt", "first");
        var reads = 0;
        var value = new ReloadingFileValue<string>(() => { reads++; return File.ReadAllText(path); }, [path], _time);

        File.WriteAllText(path, "second");
        Assert.Equal("first", value.Current);

        _time.Advance(ReloadingFileValue<string>.CheckInterval);
        Assert.Equal("second", value.Current);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void Current_FilesUnchanged_AreNotReadAgain()
    {
        var path = Write("a.txt", "same");
        var reads = 0;
        var value = new ReloadingFileValue<string>(() => { reads++; return File.ReadAllText(path); }, [path], _time);

        for (var i = 0; i < 3; i++)
        {
            _time.Advance(ReloadingFileValue<string>.CheckInterval);
            Assert.Equal("same", value.Current);
        }

        Assert.Equal(1, reads);
    }

    [Fact]
    public void Current_ReadFailsMidRotation_KeepsTheLastGoodValue_AndTakesTheNewOneWhenComplete()
    {
        var certificate = Write("tls.crt", "certificate-1");
        var key = Write("tls.key", "key-1");
        var value = new ReloadingFileValue<string>(() => Pair(certificate, key), [certificate, key], _time);

        // The certificate is replaced, its key not yet: the pair does not match.
        File.WriteAllText(certificate, "certificate-2");
        _time.Advance(ReloadingFileValue<string>.CheckInterval);
        Assert.Equal("certificate-1+key-1", value.Current);

        File.WriteAllText(key, "key-2");
        _time.Advance(ReloadingFileValue<string>.CheckInterval);
        Assert.Equal("certificate-2+key-2", value.Current);
    }

    [Fact]
    public void Constructor_UnreadableFile_Throws()
    {
        var missing = _folder.Combine("missing.crt");

        Assert.Throws<FileNotFoundException>(() => new ReloadingFileValue<string>(() => File.ReadAllText(missing), [missing], _time));
    }

    private static string Pair(string certificate, string key)
    {
        var (c, k) = (File.ReadAllText(certificate), File.ReadAllText(key));
        return c[^1] == k[^1] ? $"{c}+{k}" : throw new InvalidOperationException("the key does not match the certificate");
    }

    private string Write(string name, string content)
    {
        var path = _folder.Combine(name);
        File.WriteAllText(path, content);
        return path;
    }
}
