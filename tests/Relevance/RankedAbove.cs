namespace SeedSearch.Relevance;

/// <summary>An article the service ranks above the query's best-graded relevant article.</summary>
/// <param name="Rank">Its 1-based rank in the service's ranking.</param>
/// <param name="Id">Its id.</param>
/// <param name="Distractor">Whether it is one of the synthetic distractors.</param>
/// <param name="Grade">Its grade for the query, null when unjudged.</param>
internal sealed record RankedAbove(int Rank, string Id, bool Distractor, int? Grade)
{
    /// <summary>What the article is: a synthetic distractor, a real unjudged article, or a real one with its grade.</summary>
    public string Kind => Distractor ? "synthetic distractor" : Grade is { } grade ? $"real, judged {grade}" : "real, unjudged";
}
