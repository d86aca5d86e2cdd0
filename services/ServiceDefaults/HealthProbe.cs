namespace SeedSearch.ServiceDefaults;

/// <summary>
/// <c>--probe URL</c>: the service binary checks a health endpoint and exits 0 (healthy or
/// degraded) or 1, so container health checks need no curl in the runtime image.
/// </summary>
public static class HealthProbe
{
    /// <summary>The exit code of a probe when <paramref name="args"/> asks for one, else null (start the service).</summary>
    public static int? Run(string[] args)
    {
        if (args is not ["--probe", var url])
        {
            return null;
        }

        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var response = http.GetAsync(new Uri(url)).GetAwaiter().GetResult();
            Console.WriteLine($"{url}: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.Error.WriteLine($"{url}: {ex.Message}");
            return 1;
        }
    }
}
