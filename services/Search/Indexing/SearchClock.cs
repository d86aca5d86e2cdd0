using Lucene.Net.Search;
using Lucene.Net.Util;

namespace SeedSearch.Search.Indexing;

/// <summary>
/// The millisecond clock a search's time budget is measured on. With the system clock it is
/// Lucene's global timer counter (one volatile read per collected hit: its ~20 ms resolution
/// is plenty for a budget); with any other <see cref="TimeProvider"/> (a fake one in tests) it
/// reads that provider, so budgets can be tested without real time.
/// </summary>
internal static class SearchClock
{
    public static Counter For(TimeProvider time) =>
        ReferenceEquals(time, TimeProvider.System) ? TimeLimitingCollector.GlobalCounter : new ProviderCounter(time);

    private sealed class ProviderCounter(TimeProvider time) : Counter
    {
        public override long Value => time.GetUtcNow().ToUnixTimeMilliseconds();

        public override long AddAndGet(long delta) => throw new NotSupportedException("a clock is read, not advanced");
    }
}
