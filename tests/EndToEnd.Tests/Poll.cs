namespace SeedSearch.EndToEnd.Tests;

/// <summary>Polls a condition to a deadline instead of sleeping a guessed time.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not reached within {timeout}: {describe()}");
            }

            await Task.Delay(50);
        }
    }
}
