using System.Security.Cryptography;

namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// A value read from files (a CA bundle, a certificate and its key) and read again when their
/// contents change, so a renewed certificate is used without a restart. The files are compared
/// on use, at most once per <see cref="CheckInterval"/>: by content, which also catches a
/// replaced symlink target (a Kubernetes secret). The first read happens in the constructor and
/// throws, so a bad file stops the start; a later read that fails (a half-written file) keeps the
/// last good value and is tried again at the next check.
/// </summary>
public sealed class ReloadingFileValue<T> where T : class
{
    /// <summary>How often, at most, the files are compared.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private readonly Func<T> _read;
    private readonly string[] _paths;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private T _value;
    private byte[] _hash;
    private long _nextCheck;

    /// <summary>Reads the value with <paramref name="read"/>, which reads <paramref name="paths"/>.</summary>
    public ReloadingFileValue(Func<T> read, IEnumerable<string> paths, TimeProvider? time = null)
    {
        _read = read;
        _paths = [.. paths];
        _time = time ?? TimeProvider.System;
        _hash = Hash();
        _value = read();
        _nextCheck = _time.GetTimestamp() + Ticks(CheckInterval);
    }

    /// <summary>The value as of the last read; the files are compared first when a check is due.</summary>
    public T Current
    {
        get
        {
            if (_time.GetTimestamp() >= Volatile.Read(ref _nextCheck))
            {
                Check();
            }

            return Volatile.Read(ref _value);
        }
    }

    private void Check()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (now < _nextCheck)
            {
                return;
            }

            Volatile.Write(ref _nextCheck, now + Ticks(CheckInterval));
            try
            {
                var hash = Hash();
                if (hash.AsSpan().SequenceEqual(_hash))
                {
                    return;
                }

                var value = _read();
                _hash = hash;
                Volatile.Write(ref _value, value);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or InvalidOperationException or ArgumentException)
            {
                // Mid-rotation (the certificate replaced, its key not yet): keep the last good value.
            }
        }
    }

    private byte[] Hash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in _paths)
        {
            hash.AppendData(File.ReadAllBytes(path));
        }

        return hash.GetHashAndReset();
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);
}
