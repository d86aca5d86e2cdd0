using SeedSearch.Search.Indexing;

namespace SeedSearch.TestSupport;

/// <summary>The repository's seed article plus distractors that share some of its words.</summary>
public static class TestArticles
{
    public const string SeedId = "seed";

    public static string SeedBody { get; } = File.ReadAllText(
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "seeds"), "*.txt").Order().First());

    public static IndexedArticle Seed { get; } = Article(SeedId, "Embaixadas chinesas rebatem acusações", SeedBody);

    /// <summary>Articles that mention some query words, so "first" in a ranking means something.</summary>
    public static IReadOnlyList<IndexedArticle> Distractors { get; } =
    [
        Article("futebol", "Ataque do Flamengo vence clássico",
            "O ataque do Flamengo marcou três gols no clássico de domingo. A defesa adversária sofreu com a velocidade dos pontas."),
        Article("bolsa", "Bolsa de valores fecha em alta",
            "A bolsa de valores de São Paulo fechou em alta nesta terça-feira, puxada por bancos. O câmbio ficou estável."),
        Article("tecnologia", "Microsoft lança nova versão do Windows",
            "A Microsoft lançou a nova versão do Windows com recursos de inteligência artificial e segurança para empresas."),
        Article("diplomacia", "Cúpula discute segurança europeia",
            "Líderes europeus se reuniram em Bruxelas para discutir a segurança do continente e a cooperação em defesa."),
    ];

    /// <summary>The distinct words of the seed's and the distractors' bodies, in order of appearance (real Portuguese, accents and hyphens included).</summary>
    public static IReadOnlyList<string> Words { get; } =
    [
        .. string.Join(' ', [Seed.Body, .. Distractors.Select(a => a.Body)])
            .Split([' ', '\n', '\r', '.', ',', ';', ':', '"', '(', ')', '“', '”'], StringSplitOptions.RemoveEmptyEntries)
            .Distinct(),
    ];

    public static IndexedArticle Article(string id, string title, string body, string hash = "h1") =>
        new(id, title, body, $"https://example.test/{id}", "Teste", DateTimeOffset.Parse("2021-07-20T10:00:00-03:00"), ["teste"], hash);
}
