using SeedSearch.Search.Indexing;

namespace SeedSearch.Search.UnitTests.Duplicates;

/// <summary>Texts for near-duplicate tests: the seed article, altered copies of it, and unrelated stories.</summary>
internal static class Copies
{
    /// <summary>The seed's sentences.</summary>
    public static IReadOnlyList<string> Sentences { get; } =
        [.. System.Text.RegularExpressions.Regex.Split(TestArticles.Seed.Body, @"(?<=[.!?])\s+").Where(s => s.Length > 0)];

    /// <summary>The seed's body with sentence <paramref name="at"/> replaced.</summary>
    public static string OneSentenceChanged(int at = 2) =>
        string.Join(' ', Sentences.Select((s, i) => i == at ? "Uma frase nova, escrita por outra redação, entra no lugar desta." : s));

    /// <summary>A story of <paramref name="words"/> words drawn from the test vocabulary in a seeded order: shares words, not sentences.</summary>
    public static string OtherStory(int seed, int words = 150)
    {
        var random = new Random(seed);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => TestArticles.Words[random.Next(TestArticles.Words.Count)]));
    }

    /// <summary>An article with the seed's title and <paramref name="body"/>, from <paramref name="source"/>.</summary>
    public static IndexedArticle Article(string id, string body, string source, string hash = "h1") =>
        TestArticles.Article(id, TestArticles.Seed.Title, body, hash) with { Source = source };
}
