namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// Who may call what. Section <c>Auth</c>. Write RPCs need a key with the <c>write</c> scope
/// unless <see cref="AllowAnonymousWrites"/> (a JWT with the scope counts as well); read RPCs are open unless <see cref="ProtectReads"/>.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Auth";

    /// <summary>API keys by client name (<c>Auth:ApiKeys:importer:Key</c>, <c>…:Scopes</c>).</summary>
    public Dictionary<string, ApiKey> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reads need a key with the <c>read</c> scope. Default false.</summary>
    public bool ProtectReads { get; set; }

    /// <summary>Writes need no key: for local development only. Default false.</summary>
    public bool AllowAnonymousWrites { get; set; }

    /// <summary>JWT bearer tokens accepted beside the keys (<c>Auth:Jwt</c>); off unless configured.</summary>
    public JwtOptions Jwt { get; set; } = new();
}

/// <summary>One client's key.</summary>
public sealed class ApiKey
{
    /// <summary>The secret the client sends (<c>authorization: Bearer …</c> or <c>x-api-key: …</c>).</summary>
    public string Key { get; set; } = string.Empty;

    /// <summary>Space-separated scopes: <c>read</c>, <c>write</c>. Default both.</summary>
    public string Scopes { get; set; } = "read write";
}
