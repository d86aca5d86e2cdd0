namespace SeedSearch.TestSupport;

/// <summary>What <see cref="TcpFaultProxy"/> does to the traffic it carries.</summary>
public enum FaultMode
{
    /// <summary>Forwards every byte at once.</summary>
    PassThrough,
    /// <summary>Resets every open connection and resets new ones as soon as they are accepted.</summary>
    Drop,
    /// <summary>Delays each forwarded chunk by <see cref="TcpFaultProxy.Latency"/>.</summary>
    Latency,
    /// <summary>Accepts and holds connections but forwards nothing until the mode changes.</summary>
    Stall,
}
