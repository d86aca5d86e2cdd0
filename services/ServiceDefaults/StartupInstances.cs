using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SeedSearch.ServiceDefaults;

/// <summary>Singletons created when the host starts rather than on first use.</summary>
public static class StartupInstances
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as a singleton and creates it at start-up: for classes
    /// whose constructor is their work, such as metric instruments, which nothing else asks for.
    /// </summary>
    public static IServiceCollection AddStartupSingleton<T>(this IServiceCollection services) where T : class
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => new Creator<T>(sp.GetRequiredService<T>()));
        return services;
    }

    private sealed class Creator<T>(T created) : IHostedService
    {
        // Holding the instance is the point: resolving it ran its constructor.
        public T Created { get; } = created;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
