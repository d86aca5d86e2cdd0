using SeedSearch.Search.Duplicates;

namespace SeedSearch.Search.UnitTests.Duplicates;

public sealed class TextSignatureTests
{
    [Fact]
    public void Similarity_OfACopyWithOneSentenceChanged_IsHigh_AndOfAnotherStory_IsLow()
    {
        var seed = Sign(TestArticles.Seed.Body);

        Assert.Equal(1.0, TextSignature.Similarity(seed, Sign(TestArticles.Seed.Body)));
        Assert.InRange(TextSignature.Similarity(seed, Sign(Copies.OneSentenceChanged())), 0.7, 0.99);
        Assert.InRange(TextSignature.Similarity(seed, Sign(Copies.OtherStory(1))), 0.0, 0.1);
        Assert.InRange(TextSignature.Similarity(Sign(Copies.OtherStory(1)), Sign(Copies.OtherStory(2))), 0.0, 0.1);
    }

    [Fact]
    public void Of_FoldsCaseAccentsAndPunctuation_AndRefusesShortTexts()
    {
        var plain = Sign(TestArticles.Seed.Body);
        var shouted = Sign(Text.TextFolding.Fold(TestArticles.Seed.Body).ToUpperInvariant().Replace(",", " ;"));

        Assert.Equal(1.0, TextSignature.Similarity(plain, shouted));
        Assert.Null(TextSignature.Of("Nota curta com poucas palavras.", minWords: 40));
        Assert.NotNull(TextSignature.Of(Copies.OtherStory(3, words: 40), minWords: 40));
    }

    [Fact]
    public void BandKeys_ACopyUsuallySharesOne_AnotherStoryNone()
    {
        var seed = TextSignature.Of(TestArticles.Seed.Body, 4)!.BandKeys();

        Assert.Equal(TextSignature.Bands, seed.Distinct().Count());
        Assert.NotEmpty(seed.Intersect(TextSignature.Of(Copies.OneSentenceChanged(), 4)!.BandKeys()));
        Assert.Empty(seed.Intersect(TextSignature.Of(Copies.OtherStory(4), 4)!.BandKeys()));
    }

    [Fact]
    public void Similarity_OfSomethingThatIsNotASignature_IsZero()
    {
        Assert.Equal(0, TextSignature.Similarity(Sign(TestArticles.Seed.Body), new byte[7]));
    }

    private static byte[] Sign(string text) => TextSignature.Of(text, 4)!.ToBytes();
}
