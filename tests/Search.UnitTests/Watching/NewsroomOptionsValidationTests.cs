using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.UnitTests.Watching;

/// <summary>
/// The standing-query and near-duplicate settings as the host binds and validates them: a value
/// out of range stops the service at start with the setting named.
/// </summary>
public sealed class NewsroomOptionsValidationTests
{
    [Theory]
    [InlineData("Watch:MaxStandingQueries", "-1", nameof(WatchOptions.MaxStandingQueries))]
    [InlineData("Watch:MaxPerClient", "0", nameof(WatchOptions.MaxPerClient))]
    [InlineData("Watch:BufferSize", "0", nameof(WatchOptions.BufferSize))]
    [InlineData("Watch:HeartbeatInterval", "00:00:00", nameof(WatchOptions.HeartbeatInterval))]
    public void Watch_OutOfRange_IsRefusedNamingTheSetting(string key, string value, string name)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind<WatchOptions>(key, value));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Duplicates:MinSimilarity", "0.1", nameof(DuplicateOptions.MinSimilarity))]
    [InlineData("Duplicates:MinSimilarity", "1.5", nameof(DuplicateOptions.MinSimilarity))]
    [InlineData("Duplicates:MinWords", "2", nameof(DuplicateOptions.MinWords))]
    public void Duplicates_OutOfRange_IsRefusedNamingTheSetting(string key, string value, string name)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind<DuplicateOptions>(key, value));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unset_TheDocumentedDefaultsApply()
    {
        var watch = Bind<WatchOptions>(null, null);
        var duplicates = Bind<DuplicateOptions>(null, null);

        Assert.Equal((1000, 20, 256, TimeSpan.FromSeconds(15)), (watch.MaxStandingQueries, watch.MaxPerClient, watch.BufferSize, watch.HeartbeatInterval));
        Assert.Equal((true, 0.6, 40), (duplicates.Enabled, duplicates.MinSimilarity, duplicates.MinWords));
    }

    private static T Bind<T>(string? key, string? value) where T : class
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (key is not null)
        {
            builder.Configuration.AddInMemoryCollection([KeyValuePair.Create(key, value)]);
        }

        builder.AddSearchServices();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<T>>().Value;
    }
}
