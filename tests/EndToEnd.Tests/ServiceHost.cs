using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// One real service (Kestrel, HTTP/2 cleartext on a loopback port) started from its own
/// Program, with test settings layered over its appsettings.
/// </summary>
public sealed class ServiceHost<TMarker> : IAsyncDisposable where TMarker : class
{
    private readonly Factory _factory;

    private ServiceHost(Factory factory, Uri address, GrpcChannel channel)
    {
        _factory = factory;
        Address = address;
        Channel = channel;
    }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public LogCollector Logs => _factory.Logs;

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the service on <paramref name="port"/> (0 picks a free one).</summary>
    public static ServiceHost<TMarker> Start(IReadOnlyDictionary<string, string?> settings, int port = 0)
    {
        var factory = new Factory(settings, port);
        try
        {
            factory.UseKestrel();
            factory.StartServer();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{typeof(TMarker).Name} did not start:\n{factory.Logs.Dump()}", ex);
        }

        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Select(a => new Uri(a)).Single();
        return new ServiceHost<TMarker>(factory, address, GrpcChannel.ForAddress(address));
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, int port) : WebApplicationFactory<TMarker>
    {
        public LogCollector Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{port}");
            builder.UseSetting("Kestrel:Endpoints:Grpc:Protocols", "Http2");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
