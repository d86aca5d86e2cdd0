namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>
/// A request is invalid: INVALID_ARGUMENT with a <c>google.rpc.BadRequest</c> listing every field
/// error (HTTP 400).
/// </summary>
public sealed class RequestValidationException : ServiceException
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
