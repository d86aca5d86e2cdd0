using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// JWT bearer validation configured from <see cref="JwtOptions"/>: OpenID Connect discovery when
/// an authority is set, otherwise offline with the configured issuer and keys.
/// </summary>
internal static class JwtBearerAuthentication
{
    public const string Scheme = JwtBearerDefaults.AuthenticationScheme;

    private const string Prefix = "Bearer ";

    /// <summary>
    /// Whether the request's bearer value is shaped like a signed JWT (three dot-separated parts);
    /// API keys never contain two dots, so the shape alone picks the scheme.
    /// </summary>
    public static bool Carries(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
            && authorization.AsSpan(Prefix.Length).Trim().Count('.') == 2;
    }

    /// <summary>
    /// Checks the settings and loads the keys now, so a bad configuration stops the service at
    /// start-up, and returns what configures the JwtBearer handler.
    /// </summary>
    public static Action<JwtBearerOptions> Configure(JwtOptions jwt, string contentRoot)
    {
        const string section = "Auth:Jwt";
        Require(jwt.Audience.Length > 0, $"{section}:Audience is required when JWT bearer tokens are on");
        var offline = jwt.Authority.Length == 0;
        Require(!offline || jwt.Issuer.Length > 0, $"{section}:Issuer is required without {section}:Authority");
        var keys = new List<SecurityKey>();
        if (jwt.SigningKey.Length > 0)
        {
            var secret = Encoding.UTF8.GetBytes(jwt.SigningKey);
            Require(secret.Length >= 32, $"{section}:SigningKey must be at least 32 bytes (HS256 needs 256 bits)");
            keys.Add(new SymmetricSecurityKey(secret));
        }

        if (jwt.PublicKeyPath.Length > 0)
        {
            keys.Add(PublicKey(Path.Combine(contentRoot, jwt.PublicKeyPath)));
        }

        return options =>
        {
            // Keep claim names as the token has them ("scope", "scp", "sub"), not WS-Federation URIs.
            options.MapInboundClaims = false;
            options.Audience = jwt.Audience;
            if (!offline)
            {
                options.Authority = jwt.Authority;
                options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
            }

            var parameters = options.TokenValidationParameters;
            parameters.ValidAudience = jwt.Audience;
            if (jwt.Issuer.Length > 0)
            {
                parameters.ValidIssuer = jwt.Issuer;
            }

            if (keys.Count > 0)
            {
                parameters.IssuerSigningKeys = keys;
            }
        };
    }

    // An RSA or EC public key (SubjectPublicKeyInfo PEM, "BEGIN PUBLIC KEY").
    private static SecurityKey PublicKey(string path)
    {
        Require(File.Exists(path), $"Auth:Jwt:PublicKeyPath: {path} does not exist");
        var pem = File.ReadAllText(path);
        try
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return new RsaSecurityKey(rsa);
        }
        catch (CryptographicException)
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return new ECDsaSecurityKey(ec);
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
