namespace SeedSearch.ServiceDefaults.Errors;

/// <summary>A resource named by id does not exist: NOT_FOUND with <c>google.rpc.ResourceInfo</c> (HTTP 404).</summary>
public sealed class NotFoundException(string resource, string id) : ServiceException($"{resource} '{id}' was not found.")
{
    /// <summary>The kind of resource, such as <c>article</c>.</summary>
    public string Resource { get; } = resource;

    /// <summary>The id that was asked for.</summary>
    public string Id { get; } = id;
}
