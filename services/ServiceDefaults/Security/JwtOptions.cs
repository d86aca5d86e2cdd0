namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// JWT bearer tokens beside the API keys. Section <c>Auth:Jwt</c>. Off unless
/// <see cref="Authority"/>, <see cref="SigningKey"/> or <see cref="PublicKeyPath"/> is set.
/// Scopes come from the token's <c>scope</c> or <c>scp</c> claim (space-separated).
/// </summary>
public sealed class JwtOptions
{
    /// <summary>
    /// Issuer URL for OpenID Connect discovery (<c>…/.well-known/openid-configuration</c>): issuer
    /// and signing keys are fetched from it and refreshed. Empty: validate offline with
    /// <see cref="Issuer"/> and the configured keys.
    /// </summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>Expected <c>iss</c>. Required without <see cref="Authority"/>; with it, accepted besides the discovered issuer.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>Expected <c>aud</c>. Required whenever JWT is on.</summary>
    public string Audience { get; set; } = string.Empty;

    /// <summary>Shared secret for HS256 tokens, as text (UTF-8, at least 32 bytes). Empty: none.</summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>PEM file with an RSA or EC public key for RS*/PS*/ES* tokens. Empty: none.</summary>
    public string PublicKeyPath { get; set; } = string.Empty;

    /// <summary>Discovery must use HTTPS. Default true; false only for a test issuer on loopback.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Whether any JWT setting is present.</summary>
    public bool Enabled => Authority.Length > 0 || SigningKey.Length > 0 || PublicKeyPath.Length > 0;
}
