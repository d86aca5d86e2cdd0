namespace SeedSearch.Benchmarks;

/// <summary>How one query's top 10 differs between two runs.</summary>
internal enum Top10Change
{
    /// <summary>The same ids in the same order.</summary>
    Identical,

    /// <summary>The same ids in another order.</summary>
    Order,

    /// <summary>At least one id entered or left.</summary>
    Set,
}
