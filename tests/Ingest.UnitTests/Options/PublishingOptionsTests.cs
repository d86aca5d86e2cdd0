using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Time.Testing;
using SeedSearch.Ingest.Options;
using SeedSearch.Ingest.Publishing;

namespace SeedSearch.Ingest.UnitTests.Options;

public class PublishingOptionsTests
{
    private static List<ValidationResult> Validate(PublishingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_SmallestAcceptedTimes_BuildThePipeline()
    {
        var options = new PublishingOptions
        {
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.Zero,
            AttemptTimeout = TimeSpan.FromMilliseconds(10),
            BreakerSamplingDuration = TimeSpan.FromMilliseconds(500),
            BreakerBreakDuration = TimeSpan.FromMilliseconds(500),
        };

        Assert.Empty(Validate(options));
        ForwardingPipelineFactory.Create(options, new FakeTimeProvider());
    }

    [Theory]
    [InlineData(nameof(PublishingOptions.AttemptTimeout), 9)]
    [InlineData(nameof(PublishingOptions.BreakerSamplingDuration), 499)]
    [InlineData(nameof(PublishingOptions.BreakerBreakDuration), 499)]
    public void Validate_TimesPollyRefuses_AreRefusedAtStartUp(string property, int milliseconds)
    {
        var options = new PublishingOptions();
        typeof(PublishingOptions).GetProperty(property)!.SetValue(options, TimeSpan.FromMilliseconds(milliseconds));

        Assert.Contains(Validate(options), r => r.MemberNames.Contains(property));
        Assert.ThrowsAny<ValidationException>(() => ForwardingPipelineFactory.Create(options, new FakeTimeProvider()));
    }
}
