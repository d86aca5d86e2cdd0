using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SeedSearch.TestSupport;

/// <summary>
/// One gRPC channel over several search replicas: Grpc.Net.Client's static resolver and
/// round-robin balancer, so each call goes to the next replica with a live connection (a replica
/// that is down is skipped until it accepts connections again), and a call that finds its replica
/// gone is retried on another. The code README shows to clients.
/// </summary>
public static class BalancedChannel
{
    /// <summary>A channel spreading calls over <paramref name="replicas"/> (<c>http://host:port</c>, plaintext).</summary>
    public static GrpcChannel Create(IEnumerable<string> replicas)
    {
        var addresses = replicas.Select(r => new Uri(r)).Select(u => new BalancerAddress(u.Host, u.Port)).ToList();
        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => addresses));
        return GrpcChannel.ForAddress("static:///search-replicas", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Insecure,
            ServiceProvider = services.BuildServiceProvider(),
            ServiceConfig = new ServiceConfig
            {
                LoadBalancingConfigs = { new RoundRobinConfig() },
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 3,
                            InitialBackoff = TimeSpan.FromMilliseconds(50),
                            MaxBackoff = TimeSpan.FromMilliseconds(500),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
        });
    }
}
