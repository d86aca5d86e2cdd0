using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SeedSearch.TestSupport;

/// <summary>
/// One real service (Kestrel, HTTP/2 cleartext on a loopback port) started from its own
/// Program, with test settings layered over its appsettings.
/// </summary>
public sealed class ServiceHost<TMarker> : IAsyncDisposable where TMarker : class
{
    private readonly Factory _factory;
    private readonly IDisposable? _owned;

    private ServiceHost(Factory factory, Uri address, Uri webAddress, GrpcChannel channel, IDisposable? owned)
    {
        _factory = factory;
        _owned = owned;
        Address = address;
        WebAddress = webAddress;
        Channel = channel;
    }

    /// <summary>The HTTP/2 gRPC endpoint.</summary>
    public Uri Address { get; }

    /// <summary>The HTTP/1.1 endpoint: JSON/REST, gRPC-Web, the page, metrics.</summary>
    public Uri WebAddress { get; }

    public GrpcChannel Channel { get; }

    public LogCollector Logs => _factory.Logs;

    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// Starts the service on <paramref name="port"/> (0 picks a free one). <paramref name="owned"/>
    /// (such as the folder of its files) is disposed after the service stops, or if it fails to
    /// start; <paramref name="services"/> replaces registrations after the service's own (a fake clock).
    /// </summary>
    public static ServiceHost<TMarker> Start(IReadOnlyDictionary<string, string?> settings, int port = 0, IDisposable? owned = null,
        Action<IServiceCollection>? services = null)
    {
        // The web port is picked free and released before Kestrel binds it, so a test running in
        // parallel can take it in between: pick another and try again.
        for (var attempt = 1; ; attempt++)
        {
            var webPort = LoopbackPorts.Take();
            var factory = new Factory(settings, port, webPort, services);
            try
            {
                factory.UseKestrel();
                factory.StartServer();
            }
            catch (Exception ex) when (attempt < 5 && IsAddressInUse(ex))
            {
                factory.Dispose();
                continue;
            }
            catch (Exception ex)
            {
                owned?.Dispose();
                throw new InvalidOperationException($"{typeof(TMarker).Name} did not start:\n{factory.Logs.Dump()}", ex);
            }

            var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.Select(a => new Uri(a)).ToList();
            var web = addresses.Single(a => a.Port == webPort);
            var address = addresses.Single(a => a.Port != webPort);
            return new ServiceHost<TMarker>(factory, address, web, GrpcChannel.ForAddress(address), owned);
        }
    }

    private static bool IsAddressInUse(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is AddressInUseException or SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _factory.DisposeAsync();
        _owned?.Dispose();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings, int port, int webPort, Action<IServiceCollection>? services)
        : WebApplicationFactory<TMarker>
    {
        public LogCollector Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Kestrel:Endpoints:Grpc:Url", $"http://127.0.0.1:{port}");
            builder.UseSetting("Kestrel:Endpoints:Grpc:Protocols", "Http2");
            builder.UseSetting("Kestrel:Endpoints:Web:Url", $"http://127.0.0.1:{webPort}");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        }
    }
}
