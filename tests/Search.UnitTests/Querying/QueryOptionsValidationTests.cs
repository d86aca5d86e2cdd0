using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SeedSearch.Search.Options;

namespace SeedSearch.Search.UnitTests.Querying;

/// <summary>
/// The search service's query options as its host binds and validates them: a value out of range
/// stops the service at start with the option named, instead of searching with it.
/// </summary>
public sealed class QueryOptionsValidationTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("-2147483648")]
    public void ExactTotalHits_BelowOne_IsRefusedNamingTheOption(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(value));

        Assert.Contains(nameof(QueryOptions.ExactTotalHits), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    [InlineData("2147483647", int.MaxValue)]
    public void ExactTotalHits_InRange_IsUsed(string value, int expected) => Assert.Equal(expected, Bind(value).ExactTotalHits);

    [Fact]
    public void ExactTotalHits_Unset_CountsTheFirstThousandExactly() => Assert.Equal(1000, Bind(null).ExactTotalHits);

    private static QueryOptions Bind(string? exactTotalHits)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (exactTotalHits is not null)
        {
            builder.Configuration.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Query:ExactTotalHits", exactTotalHits)]);
        }

        builder.AddSearchServices();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<QueryOptions>>().Value;
    }
}
