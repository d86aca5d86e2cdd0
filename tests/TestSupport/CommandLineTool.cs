using System.Globalization;
using Grpc.Core;

namespace SeedSearch.TestSupport;

/// <summary>
/// The shell of the command-line tools: usage on no arguments or <c>--help</c>, options parsed
/// (a bad one prints usage and exits 2), Ctrl+C cancels so started services are still cleaned
/// up (exit 130), and expected failures print one line and exit 1.
/// </summary>
public static class CommandLineTool
{
    public static async Task<int> RunAsync<TOptions>(string name, string[] args, string usage,
        Func<IReadOnlyList<string>, TOptions> parse, Func<TOptions, CancellationToken, Task<int>> run)
    {
        if (args is [] or ["-h"] or ["--help"])
        {
            Console.WriteLine(usage);
            return args.Length == 0 ? 2 : 0;
        }

        TOptions options;
        try
        {
            options = parse(args);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"{name}: {ex.Message}");
            Console.Error.WriteLine(usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        try
        {
            return await run(options, cancel.Token);
        }
        catch (Exception) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine($"{name}: canceled");
            return 130;
        }
        catch (Exception ex) when (ex is RpcException or InvalidOperationException or TimeoutException or IOException)
        {
            Console.Error.WriteLine($"{name}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The value of option <paramref name="name"/> as a number above 0.</summary>
    public static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a number > 0, got '{value}'");

    /// <summary>The value of option <paramref name="name"/> as a number of 0 or more.</summary>
    public static int NonNegative(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : throw new ArgumentException($"{name} takes a number >= 0, got '{value}'");

    /// <summary>Adds a <c>KEY=VALUE</c> option value to <paramref name="values"/>.</summary>
    public static void AddKeyValue(Dictionary<string, string> values, string option, string value)
    {
        var eq = value.IndexOf('=');
        values[eq > 0 ? value[..eq] : throw new ArgumentException($"{option} needs KEY=VALUE, got '{value}'")] = value[(eq + 1)..];
    }
}
