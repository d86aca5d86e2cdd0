namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// Thrown by domain code when a request is invalid. It carries no transport types; the gRPC
/// layer turns it into <c>INVALID_ARGUMENT</c> with <c>google.rpc.BadRequest</c> details.
/// </summary>
public sealed class RequestValidationException : Exception
{
    /// <summary>Creates the exception from one or more field errors.</summary>
    public RequestValidationException(IReadOnlyList<FieldError> errors)
        : base(Summarize(errors))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one field error is required.", nameof(errors));
        }

        Errors = errors;
    }

    /// <summary>Creates the exception for a single field.</summary>
    public RequestValidationException(string field, string description)
        : this([new FieldError(field, description)])
    {
    }

    /// <summary>The invalid fields.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    private static string Summarize(IReadOnlyList<FieldError> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Field}: {e.Description}"));
}
