using System.Globalization;

namespace SeedSearch.Relevance;

/// <summary>
/// The lowest nDCG@10 each dataset and query variant may score, kept in the repository so that a
/// ranking regression fails CI instead of surfacing in the next manual evaluation. The file is
/// tab-separated, one <c>dataset variant floor</c> line each; blank lines and <c>#</c> comments are ignored.
/// </summary>
internal sealed class NdcgFloors
{
    private readonly Dictionary<(string Dataset, string Variant), double> _floors;

    private NdcgFloors(string path, Dictionary<(string Dataset, string Variant), double> floors) =>
        (Path, _floors) = (path, floors);

    /// <summary>The file the floors were read from.</summary>
    public string Path { get; }

    /// <summary>Reads <paramref name="path"/>; throws <see cref="ArgumentException"/> naming the bad line.</summary>
    public static NdcgFloors Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"missing {path}");
        }

        var floors = new Dictionary<(string, string), double>();
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split('\t', StringSplitOptions.TrimEntries);
            if (fields.Length != 3
                || !QueryVariants.Names.Contains(fields[1])
                || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var floor)
                || floor is < 0 or > 1
                || !floors.TryAdd((fields[0], fields[1]), floor))
            {
                throw new ArgumentException($"{path}:{i + 1}: expected a unique 'dataset<TAB>variant<TAB>floor' line " +
                    $"(variant one of {string.Join(',', QueryVariants.Names)}, floor from 0 to 1), got '{lines[i]}'");
            }
        }

        return new NdcgFloors(path, floors);
    }

    /// <summary>The floor of <paramref name="dataset"/> (as named in the results table) and <paramref name="variant"/>, if the file has one.</summary>
    public double? For(string dataset, string variant) => _floors.TryGetValue((dataset, variant), out var floor) ? floor : null;
}
