using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SeedSearch.ServiceDefaults.Security;

/// <summary>
/// Static API keys and, when <c>Auth:Jwt</c> is configured, JWT bearer tokens, checked by ASP.NET
/// Core authentication and authorization: services mark their RPCs with
/// <c>[Authorize(ApiKeyAuthentication.WritePolicy)]</c> or the read policy and never check
/// credentials themselves. No credential or a bad one: <c>UNAUTHENTICATED</c> (401 over REST); a
/// credential without the scope: <c>PERMISSION_DENIED</c> (403).
/// </summary>
public static class ApiKeyAuthentication
{
    /// <summary>Authentication scheme name.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Policy of RPCs that change data.</summary>
    public const string WritePolicy = "write";

    /// <summary>Policy of RPCs that only read.</summary>
    public const string ReadPolicy = "read";

    /// <summary>Claim carrying the caller's scopes (space-separated in tokens, one per claim for keys).</summary>
    public const string ScopeClaim = "scope";

    // The scope claim of Microsoft Entra ID and some other issuers.
    private const string ScpClaim = "scp";

    // The default scheme: picks the API-key or the JWT scheme for each request.
    private const string CallerScheme = "Caller";

    /// <summary>
    /// Adds the API-key scheme, the JWT bearer scheme when <c>Auth:Jwt</c> is configured, and the
    /// read/write policies from <see cref="AuthOptions"/>.
    /// </summary>
    public static TBuilder AddApiKeyAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new();
        var jwt = options.Jwt.Enabled;
        var authentication = builder.Services.AddAuthentication(CallerScheme)
            .AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null)
            // A JWT-shaped bearer value goes to JWT validation; anything else (a key as bearer
            // value or x-api-key) to the key check. Without JWT settings every value is a key.
            .AddPolicyScheme(CallerScheme, "API key or JWT", o => o.ForwardDefaultSelector = context =>
                jwt && JwtBearerAuthentication.Carries(context.Request) ? JwtBearerAuthentication.Scheme : Scheme);
        if (jwt)
        {
            authentication.AddJwtBearer(JwtBearerAuthentication.Scheme, JwtBearerAuthentication.Configure(options.Jwt, builder.Environment.ContentRootPath));
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(WritePolicy, policy => Require(policy, WritePolicy, open: options.AllowAnonymousWrites))
            .AddPolicy(ReadPolicy, policy => Require(policy, ReadPolicy, open: !options.ProtectReads));
        return builder;
    }

    /// <summary>Authenticates every request and enforces the policies.</summary>
    public static WebApplication UseApiKeyAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static void Require(AuthorizationPolicyBuilder policy, string scope, bool open)
    {
        policy.AddAuthenticationSchemes(CallerScheme);
        if (open)
        {
            policy.RequireAssertion(_ => true);
        }
        else
        {
            policy.RequireAuthenticatedUser().RequireAssertion(context => HasScope(context.User, scope));
        }
    }

    // Tokens carry "read write" in one claim (RFC 8693 "scope", or "scp", sometimes one claim per
    // scope); keys carry one claim per scope.
    private static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.Claims.Where(c => c.Type is ScopeClaim or ScpClaim)
            .Any(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal));

    private sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        IOptionsMonitor<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var presented = Presented();
            if (presented is null)
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var bytes = Encoding.UTF8.GetBytes(presented);
            foreach (var key in Keys())
            {
                // Constant-time comparison: the time taken says nothing about the key.
                if (CryptographicOperations.FixedTimeEquals(bytes, key.Secret))
                {
                    var claims = key.Scopes.Select(s => new Claim(ScopeClaim, s)).Append(new Claim(ClaimTypes.Name, key.Name));
                    var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiKeyAuthentication.Scheme));
                    return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyAuthentication.Scheme)));
                }
            }

            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        }

        // Keys encoded once per options instance, not per request. One reference holds both the
        // options and their keys, so hosts with different options never read a torn pair.
        private IReadOnlyList<EncodedKey> Keys()
        {
            var current = auth.CurrentValue;
            if (Volatile.Read(ref _cache) is { } cached && ReferenceEquals(cached.Source, current))
            {
                return cached.Keys;
            }

            var keys = current.ApiKeys.Where(k => k.Value.Key.Length > 0)
                .Select(k => new EncodedKey(k.Key, Encoding.UTF8.GetBytes(k.Value.Key), k.Value.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
                .ToList();
            Volatile.Write(ref _cache, new KeyCache(current, keys));
            return keys;
        }

        private static KeyCache? _cache;

        private sealed record EncodedKey(string Name, byte[] Secret, string[] Scopes);

        private sealed record KeyCache(AuthOptions Source, IReadOnlyList<EncodedKey> Keys);

        private string? Presented()
        {
            var authorization = Request.Headers.Authorization.ToString();
            if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                return authorization["Bearer ".Length..].Trim();
            }

            var header = Request.Headers["x-api-key"].ToString();
            return header.Length > 0 ? header.Trim() : null;
        }
    }
}
