using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SeedSearch.TestSupport;

/// <summary>Captures every log entry of a host, so tests can fail on unexpected errors and show logs on failure.</summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IEnumerable<string> Errors =>
        _entries.Where(e => e.Level >= LogLevel.Error).Select(e => $"{e.Category}: {e.Message}");

    public string Dump() => string.Join('\n', _entries.Select(e => $"[{e.Level}] {e.Category}: {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner._entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : $" {exception}")));
            }
        }
    }
}
