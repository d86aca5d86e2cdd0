using SeedSearch.ServiceDefaults.Errors;

namespace SeedSearch.Ingest.Ingestion;

/// <summary>A bulk item that failed validation: its stream position, client id and why.</summary>
public sealed record BulkRejection(int Index, string Id, string Reason, IReadOnlyList<FieldError> Errors);
