namespace SeedSearch.Ingest.Publishing;

/// <summary>The state of the circuit breaker in front of the search service.</summary>
public enum ForwardingCircuit
{
    /// <summary>Calls flow to search.</summary>
    Closed,
    /// <summary>Too many calls failed: calls fail at once until the break is over.</summary>
    Open,
    /// <summary>The break is over: one trial call decides whether the circuit closes again.</summary>
    HalfOpen,
    /// <summary>Held open by hand.</summary>
    Isolated,
}
