using System.Diagnostics;

namespace SeedSearch.ServiceDefaults;

/// <summary>
/// The system's own trace source, named <see cref="HostingExtensions.TelemetrySourceName"/> like the
/// meters each service creates from its <c>IMeterFactory</c>; the OpenTelemetry set-up listens to both.
/// </summary>
public static class Telemetry
{
    /// <summary>Spans of work that outlives a request, such as an article's way into the index.</summary>
    public static readonly ActivitySource Source = new(HostingExtensions.TelemetrySourceName);
}
