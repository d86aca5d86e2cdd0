namespace SeedSearch.Search;

/// <summary>
/// Names this assembly's entry point for test hosts (<c>WebApplicationFactory&lt;T&gt;</c>):
/// both services have a global <c>Program</c>, which would be ambiguous.
/// </summary>
public sealed class SearchHostMarker;
