using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// JWT bearer tokens minted in-process, beside the API keys, over real gRPC and HTTP: offline
/// validation with a shared secret and a PEM public key, and OpenID Connect discovery.
/// </summary>
public sealed class JwtAuthTests : IAsyncLifetime
{
    private const string Issuer = "https://issuer.test";
    private const string Audience = "seed-search";
    private const string Secret = "a-shared-secret-of-at-least-32-bytes!";
    private const string WriterKey = "writer-key-0123456789";

    private static readonly SigningCredentials Shared = new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Secret)), SecurityAlgorithms.HmacSha256);
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly TempDirectory _folder = new();
    private readonly HttpClient _http = new();
    private TestSystem _system = null!;

    public Task InitializeAsync()
    {
        var publicKey = _folder.Combine("issuer.pub.pem");
        File.WriteAllText(publicKey, _rsa.ExportSubjectPublicKeyInfoPem());
        _system = TestSystem.Start(ingestSettings: new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymousWrites"] = "false",
            ["Auth:ApiKeys:importer:Key"] = WriterKey,
            ["Auth:Jwt:Issuer"] = Issuer,
            ["Auth:Jwt:Audience"] = Audience,
            ["Auth:Jwt:SigningKey"] = Secret,
            ["Auth:Jwt:PublicKeyPath"] = publicKey,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _system.DisposeAsync();
        _rsa.Dispose();
        _folder.Dispose();
    }

    private SigningCredentials Rsa => new(new RsaSecurityKey(_rsa) { KeyId = "issuer-key" }, SecurityAlgorithms.RsaSha256);

    private static string Token(SigningCredentials credentials, string scopes = "read write", string scopeClaim = "scope",
        string audience = Audience, string issuer = Issuer, TimeSpan? expiresIn = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = credentials,
            Claims = new Dictionary<string, object> { ["sub"] = "importer", [scopeClaim] = scopes },
        });
    }

    private static Metadata Bearer(string value) => new() { { "authorization", $"Bearer {value}" } };

    private static IngestArticleRequest Article(string title) =>
        new() { WaitForIndexed = true, Article = new RawArticle { Title = title, Body = $"{title}: a câmara aprovou o orçamento." } };

    private Task<IngestArticleResponse> WriteAsync(string title, Metadata? headers) =>
        _system.IngestClient.IngestArticleAsync(Article(title), headers).ResponseAsync;

    [Fact]
    public async Task Write_WithASharedSecretTokenWithTheWriteScope_GoesThroughToSearch()
    {
        var created = await WriteAsync("Token partilhado", Bearer(Token(Shared)));

        Assert.Equal(IngestStatus.Created, created.Status);
        var found = await _system.SearchClient.GetArticleAsync(new Contracts.Search.V1.GetArticleRequest { Id = created.Id });
        Assert.Equal("Token partilhado", found.Article.Title);
    }

    [Fact]
    public async Task Write_WithAnRsaTokenCarryingScp_IsAccepted()
    {
        var created = await WriteAsync("Token RSA", Bearer(Token(Rsa, scopes: "write", scopeClaim: "scp")));

        Assert.Equal(IngestStatus.Created, created.Status);
    }

    [Fact]
    public async Task Write_WithAValidTokenWithoutTheWriteScope_IsPermissionDenied()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => WriteAsync("Só leitura", Bearer(Token(Rsa, scopes: "read"))));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    public static TheoryData<string> BadTokens => ["expired", "wrong audience", "wrong issuer", "bad signature", "unsigned", "not a token"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Write_WithABadToken_IsUnauthenticated(string kind)
    {
        using var stranger = RSA.Create(2048);
        var token = kind switch
        {
            "expired" => Token(Shared, expiresIn: TimeSpan.FromHours(-1)),
            "wrong audience" => Token(Shared, audience: "another-service"),
            "wrong issuer" => Token(Rsa, issuer: "https://other.test"),
            "bad signature" => Token(new SigningCredentials(new RsaSecurityKey(stranger), SecurityAlgorithms.RsaSha256)),
            "unsigned" => string.Join('.', Token(Shared).Split('.')[..2]) + ".",
            _ => "eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln",
        };

        var ex = await Assert.ThrowsAsync<RpcException>(() => WriteAsync(kind, Bearer(token)));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task ApiKeys_StillWork_BesideTokens()
    {
        var asBearer = await WriteAsync("Chave como bearer", Bearer(WriterKey));
        var asHeader = await WriteAsync("Chave em x-api-key", new Metadata { { "x-api-key", WriterKey } });
        var none = await Assert.ThrowsAsync<RpcException>(() => WriteAsync("Sem nada", null));

        Assert.Equal(IngestStatus.Created, asBearer.Status);
        Assert.Equal(IngestStatus.Created, asHeader.Status);
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
    }

    [Fact]
    public async Task Rest_AnswersTokens_200_401_403()
    {
        async Task<HttpStatusCode> PostAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_system.Ingest.WebAddress, "/v1/articles"))
            {
                Content = JsonContent.Create(new { article = new { body = "Pela API REST com um token." } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await PostAsync(Token(Shared)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(Token(Shared, expiresIn: TimeSpan.FromHours(-1))));
        Assert.Equal(HttpStatusCode.Forbidden, await PostAsync(Token(Shared, scopes: "read")));
    }

    [Fact]
    public async Task Authority_DiscoversTheIssuerAndKeys()
    {
        await using var issuer = await StartIssuerAsync(_rsa);
        var authority = issuer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await using var ingest = TestSystem.StartIngest(_system.Search.Address, extra: new Dictionary<string, string?>
        {
            ["Auth:AllowAnonymousWrites"] = "false",
            ["Auth:Jwt:Authority"] = authority,
            ["Auth:Jwt:Audience"] = Audience,
            ["Auth:Jwt:RequireHttpsMetadata"] = "false",
        });
        var client = new IngestService.IngestServiceClient(ingest.Channel);

        var created = await client.IngestArticleAsync(Article("Emitido pelo fornecedor"), Bearer(Token(Rsa, issuer: authority)));
        var wrongIssuer = await Assert.ThrowsAsync<RpcException>(() => client.IngestArticleAsync(Article("Outro emissor"), Bearer(Token(Rsa))).ResponseAsync);

        Assert.Equal(IngestStatus.Created, created.Status);
        Assert.Equal(StatusCode.Unauthenticated, wrongIssuer.StatusCode);
    }

    [Fact]
    public void Jwt_WithoutAudience_StopsStartup()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TestSystem.StartIngest(_system.Search.Address, extra: new Dictionary<string, string?>
        {
            ["Auth:Jwt:Issuer"] = Issuer,
            ["Auth:Jwt:SigningKey"] = Secret,
        }));

        Assert.Contains("Auth:Jwt:Audience is required", ex.InnerException?.Message, StringComparison.Ordinal);
    }

    // A minimal OpenID Connect issuer on loopback: the discovery document and the RSA key set.
    private static async Task<WebApplication> StartIssuerAsync(RSA rsa)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Not the services' appsettings.json copied beside the tests (their Kestrel endpoints).
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        var app = builder.Build();
        var key = rsa.ExportParameters(includePrivateParameters: false);
        app.MapGet("/.well-known/openid-configuration", (HttpContext context) =>
        {
            var self = $"{context.Request.Scheme}://{context.Request.Host}";
            return Results.Json(new { issuer = self, jwks_uri = $"{self}/jwks" });
        });
        app.MapGet("/jwks", () => Results.Json(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "issuer-key", n = Base64UrlEncoder.Encode(key.Modulus), e = Base64UrlEncoder.Encode(key.Exponent) } },
        }));
        await app.StartAsync();
        return app;
    }
}
