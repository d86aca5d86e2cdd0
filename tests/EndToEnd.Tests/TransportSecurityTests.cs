using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using SeedSearch.Contracts.Ingest.V1;
using SeedSearch.Contracts.Search.V1;
using SeedSearch.Search;
using SeedSearch.ServiceDefaults.Security;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// TLS and mutual TLS with certificates from a private CA made in-process, and the rule that
/// plaintext endpoints stay on loopback.
/// </summary>
public sealed class TransportSecurityTests : IAsyncLifetime
{
    private readonly TestCertificates _certificates = TestCertificates.Create();
    private readonly TempDirectory _data = new();
    private ServiceHost<SearchHostMarker> _search = null!;

    public Task InitializeAsync()
    {
        _search = TestSystem.StartSearch(_data.Combine("index"), extra: MutualTls(_certificates));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _search.DisposeAsync();
        _certificates.Dispose();
        _data.Dispose();
    }

    /// <summary>Search's gRPC endpoint on HTTPS, requiring client certificates from the test CA.</summary>
    private static Dictionary<string, string?> MutualTls(TestCertificates certificates) => new()
    {
        ["Kestrel:Endpoints:Grpc:Url"] = "https://127.0.0.1:0",
        ["Kestrel:Endpoints:Grpc:Certificate:Path"] = certificates.ServerCertificatePath,
        ["Kestrel:Endpoints:Grpc:Certificate:KeyPath"] = certificates.ServerKeyPath,
        ["Kestrel:Endpoints:Grpc:ClientCertificateMode"] = "RequireCertificate",
        ["Tls:ClientCaPath"] = certificates.CaPath,
    };

    private static GrpcChannel Channel(Uri address, X509Certificate2? trusted, X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler();
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = CustomRootTrust.ServerValidator([trusted]);
        }

        if (client is not null)
        {
            handler.SslOptions.ClientCertificates = [client];
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler });
    }

    // Under TLS 1.3 the server checks the client certificate after the client finished its side
    // of the handshake: depending on when its alert arrives, the client sees the TLS handshake
    // fail (INTERNAL) or the connection closed before HTTP/2 starts (UNAVAILABLE). Either way no
    // call reached the service.
    private static void AssertRefusedByServer(RpcException ex)
    {
        Assert.True(ex.StatusCode is StatusCode.Unavailable or StatusCode.Internal
            && ex.Status.Detail.StartsWith("Error starting gRPC call", StringComparison.Ordinal), $"not a refused connection: {ex.Status}");
    }

    // A client cannot connect to 0.0.0.0; the service listens on loopback too.
    private static Uri Loopback(Uri address) => new UriBuilder(address) { Host = "127.0.0.1" }.Uri;

    private static Task<SearchResponse> SearchAsync(GrpcChannel channel) =>
        new SearchService.SearchServiceClient(channel).SearchAsync(new SearchRequest { Query = "orçamento" }).ResponseAsync;

    [Fact]
    public async Task MutualTls_ClientTrustingTheCaWithACertificate_IsServed()
    {
        using var channel = Channel(_search.Address, _certificates.Ca, _certificates.Client);

        var response = await SearchAsync(channel);

        Assert.Equal("https", _search.Address.Scheme);
        Assert.Equal(0, response.TotalHits);
    }

    [Fact]
    public async Task MutualTls_ClientWithoutCertificate_IsRefused()
    {
        using var channel = Channel(_search.Address, _certificates.Ca, client: null);

        var ex = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(channel));

        AssertRefusedByServer(ex);
    }

    [Fact]
    public async Task MutualTls_ClientCertificateFromAnotherCa_IsRefused()
    {
        using var other = TestCertificates.Create("Another CA");
        using var channel = Channel(_search.Address, _certificates.Ca, other.Client);

        var ex = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(channel));

        AssertRefusedByServer(ex);
    }

    [Fact]
    public async Task Tls_ClientNotTrustingTheCa_Fails()
    {
        using var systemTrust = Channel(_search.Address, trusted: null, _certificates.Client);
        using var other = TestCertificates.Create("Another CA");
        using var otherTrust = Channel(_search.Address, other.Ca, _certificates.Client);

        var bySystem = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(systemTrust));
        var byOther = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(otherTrust));

        // grpc-dotnet reports a failed handshake as INTERNAL "Error starting gRPC call".
        Assert.Equal(StatusCode.Internal, bySystem.StatusCode);
        Assert.Contains("errors in the certificate chain", bySystem.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Internal, byOther.StatusCode);
        Assert.Contains("rejected by the provided RemoteCertificateValidationCallback", byOther.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ForwardsToSearchOverMutualTls_ArticleIsFound()
    {
        await using var ingest = TestSystem.StartIngest(_search.Address, extra: new Dictionary<string, string?>
        {
            ["Search:CaPath"] = _certificates.CaPath,
            ["Search:ClientCertificatePath"] = _certificates.ClientCertificatePath,
            ["Search:ClientKeyPath"] = _certificates.ClientKeyPath,
        });
        using var channel = Channel(_search.Address, _certificates.Ca, _certificates.Client);

        var created = await new IngestService.IngestServiceClient(ingest.Channel).IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle { Title = "Canal cifrado", Body = "A câmara aprovou o orçamento por um canal cifrado." },
        });

        var found = await new SearchService.SearchServiceClient(channel).GetArticleAsync(new GetArticleRequest { Id = created.Id });
        Assert.Equal("Canal cifrado", found.Article.Title);
        Assert.Equal(created.Id, (await SearchAsync(channel)).Hits.Single().Id);
    }

    [Fact]
    public async Task PlaintextOnANetworkAddress_RefusesToStart_UnlessAllowed()
    {
        var settings = new Dictionary<string, string?> { ["Index:Path"] = _data.Combine("plain"), ["Kestrel:Endpoints:Grpc:Url"] = "http://0.0.0.0:0" };

        var refused = Assert.Throws<InvalidOperationException>(() => ServiceHost<SearchHostMarker>.Start(settings));

        var message = refused.InnerException?.Message ?? "";
        Assert.Contains("'Grpc'", message, StringComparison.Ordinal);
        Assert.Contains("Kestrel:Endpoints:Grpc:Url = http://0.0.0.0:0", message, StringComparison.Ordinal);
        Assert.Contains("Tls:AllowPlaintextOnNetwork=true", message, StringComparison.Ordinal);
        settings["Tls:AllowPlaintextOnNetwork"] = "true";
        await using var allowed = ServiceHost<SearchHostMarker>.Start(settings);
        using var channel = GrpcChannel.ForAddress(Loopback(allowed.Address));
        Assert.Equal(0, (await SearchAsync(channel)).TotalHits);
    }

    [Fact]
    public async Task TlsOnANetworkAddress_Starts()
    {
        var settings = MutualTls(_certificates);
        settings["Index:Path"] = _data.Combine("network");
        settings["Kestrel:Endpoints:Grpc:Url"] = "https://0.0.0.0:0";
        await using var search = ServiceHost<SearchHostMarker>.Start(settings);
        using var channel = Channel(Loopback(search.Address), _certificates.Ca, _certificates.Client);

        Assert.Equal(0, (await SearchAsync(channel)).TotalHits);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.53", true)]
    [InlineData("[::1]", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("[::]", false)]
    [InlineData("*", false)]
    [InlineData("+", false)]
    [InlineData("10.0.0.5", false)]
    [InlineData("search", false)]
    public void IsLoopback_OnlyLoopbackAddressesAndLocalhost(string host, bool loopback) =>
        Assert.Equal(loopback, TransportSecurity.IsLoopback(host));
}
