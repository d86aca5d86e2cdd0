namespace SeedSearch.Relevance;

/// <summary>
/// The synthetic distractors of a scale run: <see cref="ScaleCorpus"/> articles drawn from the
/// sentences of the source corpora, with every sentence of every judged-relevant article left
/// out, so no distractor repeats what makes a judged article relevant.
/// </summary>
internal static class DistractorCorpus
{
    /// <summary>Distractor ids are <c>distractor-{seed}-{i:D7}</c>.</summary>
    public const string IdPrefix = "distractor";

    /// <summary>The ids graded 1 or more for any query.</summary>
    public static HashSet<string> RelevantIds(IReadOnlyDictionary<string, Dictionary<string, int>> qrels) =>
        qrels.Values.SelectMany(j => j.Where(g => g.Value >= 1).Select(g => g.Key)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Returns the cached distractor file for these parameters, generating it first if needed;
    /// throws <see cref="InvalidOperationException"/> that names a way out when the sources have
    /// no sentence left once the relevant articles' are taken out.
    /// </summary>
    public static ScaleCorpus Ensure(IReadOnlyList<string> sourceFolders, int count, int seed, string cache, IReadOnlySet<string> relevantIds)
    {
        try
        {
            return ScaleCorpus.Ensure([.. sourceFolders.Select(f => Path.Combine(f, "corpus.jsonl.gz"))], count, seed, cache, relevantIds, IdPrefix);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException(
                $"no distractor sentences in {string.Join(", ", sourceFolders)}: {ex.Message}. A dataset that judges every article " +
                "relevant (faquad, squad-pt-sample) needs its distractors from another corpus, e.g. --distractor-source ../shared/data/govbr-news", ex);
        }
    }
}
