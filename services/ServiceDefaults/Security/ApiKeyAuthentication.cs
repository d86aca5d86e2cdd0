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
/// Static API keys checked by ASP.NET Core authentication and authorization: services mark
/// their RPCs with <c>[Authorize(ApiKeyAuthentication.WritePolicy)]</c> or the read policy and
/// never check credentials themselves. No key or an unknown one: <c>UNAUTHENTICATED</c> (401 over
/// REST); a key without the scope: <c>PERMISSION_DENIED</c> (403).
/// </summary>
public static class ApiKeyAuthentication
{
    /// <summary>Authentication scheme name.</summary>
    public const string Scheme = "ApiKey";

    /// <summary>Policy of RPCs that change data.</summary>
    public const string WritePolicy = "write";

    /// <summary>Policy of RPCs that only read.</summary>
    public const string ReadPolicy = "read";

    /// <summary>Claim carrying one scope of the caller's key.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>Adds the API-key scheme and the read/write policies from <see cref="AuthOptions"/>.</summary>
    public static TBuilder AddApiKeyAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName);
        var options = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new();
        builder.Services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);
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
        policy.AddAuthenticationSchemes(Scheme);
        if (open)
        {
            policy.RequireAssertion(_ => true);
        }
        else
        {
            policy.RequireAuthenticatedUser().RequireClaim(ScopeClaim, scope);
        }
    }

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
