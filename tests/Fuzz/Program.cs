using System.Text;
using SeedSearch.Fuzz;
using SharpFuzz;

// Coverage-guided fuzzing harness for the HTML normaliser and the query parsers, driven by
// tests/Fuzz/fuzz.sh. Usage:
//   SeedSearch.Fuzz <html|query>                   inputs from afl-fuzz (SharpFuzz fork server)
//   SeedSearch.Fuzz <html|query> --replay PATH...  each file, or each file of a folder, once
// Inputs are UTF-8; invalid bytes read as U+FFFD, as a gRPC string field would never carry them.
if (args.Length == 0 || args[0] is not ("html" or "query") || (args.Length > 1 && (args[1] != "--replay" || args.Length < 3)))
{
    Console.Error.WriteLine("usage: SeedSearch.Fuzz <html|query> [--replay PATH...]");
    return 2;
}

if (args.Length == 1)
{
    // Instrumented code may only run inside Fuzzer.Run, which maps the coverage memory: the
    // target is built on the first input. The fuzzer kills the process, so nothing is disposed.
    IFuzzTarget? fuzzed = null;
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        fuzzed ??= CreateTarget(args[0]);
        fuzzed.Run(Decode(buffer.ToArray()));
    });
    return 0;
}

var target = CreateTarget(args[0]);
try
{
    return Replay(target, args[2..]);
}
finally
{
    (target as IDisposable)?.Dispose();
}

static IFuzzTarget CreateTarget(string name) => name == "html" ? new HtmlTarget() : QueryTarget.Create();

static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes);

static int Replay(IFuzzTarget target, string[] paths)
{
    var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order() : (IEnumerable<string>)[p]).ToList();
    var crashes = 0;
    foreach (var file in files)
    {
        try
        {
            target.Run(Decode(File.ReadAllBytes(file)));
        }
        catch (Exception ex)
        {
            crashes++;
            Console.Error.WriteLine($"CRASH {file}: {ex}");
        }
    }

    Console.WriteLine($"replayed {files.Count} inputs: {crashes} crashed");
    return crashes == 0 ? 0 : 1;
}
