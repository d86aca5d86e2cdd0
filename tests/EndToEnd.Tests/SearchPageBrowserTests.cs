using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SeedSearch.Contracts.Ingest.V1;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// The search page in a real headless Chromium (Debian's <c>chromium</c> package, never a
/// downloaded browser) against a real system. Skipped, with the reason, where no Chromium exists.
/// </summary>
public sealed class SearchPageBrowserTests : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const int ExtraArticles = 12;

    private TestSystem? _system;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private static string SeedText => File.ReadAllText(Directory.EnumerateFiles(TestSystem.SeedsFolder, "*.txt").Order().First());

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        _system = TestSystem.Start();
        var ingest = _system.IngestClient;
        await ingest.IngestArticleAsync(new IngestArticleRequest { WaitForIndexed = true, Article = new RawArticle { Body = SeedText } });
        // Enough other OTAN articles for a second page: each a story of its own (copies of one story
        // would show as one hit), long, with one mention each, so the seed (three mentions in a text
        // of about the same length) ranks first.
        var words = TestArticles.Words.Where(w => !w.Contains("otan", StringComparison.OrdinalIgnoreCase) && !w.Contains("nato", StringComparison.OrdinalIgnoreCase)).ToArray();
        for (var i = 1; i <= ExtraArticles; i++)
        {
            var random = new Random(i);
            await ingest.IngestArticleAsync(new IngestArticleRequest
            {
                WaitForIndexed = true,
                Article = new RawArticle
                {
                    Title = $"Orçamento municipal, sessão {i}",
                    Body = $"{string.Join(' ', Enumerable.Range(0, 350).Select(_ => words[random.Next(words.Length)]))}. Na sessão {i}, um deputado lembrou a cimeira da OTAN em Bruxelas.",
                    Source = i % 2 == 0 ? "Agência Lusa" : "Público",
                },
            });
        }

        // A reprint of the seed by another outlet: one story, listed under the seed's hit.
        await ingest.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            // One mention fewer, so the seed stays the story's best ranked copy.
            Article = new RawArticle
            {
                Id = "seed-reprint",
                Body = SeedText.Replace("Na segunda-feira (19), a OTAN acusou", "Na segunda-feira (19), a aliança acusou", StringComparison.Ordinal),
                Source = "Reimpressão",
            },
        });

        // The whole suite runs in parallel on two cores: give the page time to answer.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_system is not null)
        {
            await _system.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task OpenSearch_ArticlesIngestedLater_AreOfferedAsNewArticles()
    {
        Skip.IfNot(File.Exists(ChromiumPath), $"browser test skipped: no Chromium at {ChromiumPath} (apt-get install chromium)");
        var page = await NewPageAsync();
        await page.GotoAsync(Url("/?q=Brumadinho"));
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("Nenhum resultado");
        await Assertions.Expect(page.Locator("#new-articles")).ToBeHiddenAsync();

        // Articles count from the moment the page's standing query is open on the server.
        var hub = _system!.Search.Services.GetRequiredService<SeedSearch.Search.Watching.WatchHub>();
        await Poll.UntilAsync(() => Task.FromResult(hub.Count == 1), TimeSpan.FromSeconds(20), () => $"{hub.Count} standing queries open");
        await _system.IngestClient.IngestArticleAsync(new IngestArticleRequest
        {
            WaitForIndexed = true,
            Article = new RawArticle { Id = "brumadinho-1", Body = "A barragem de Brumadinho rompeu em janeiro de 2019, em Minas Gerais." },
        });

        await Assertions.Expect(page.Locator("#new-articles")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#new-articles-button")).ToContainTextAsync("1 novo artigo");
        await page.Locator("#new-articles-button").ClickAsync();
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("1 resultado");
    }

    [SkippableFact]
    public async Task TypingOtan_ShowsTheSeedHighlighted_AndPagesForward()
    {
        Skip.IfNot(File.Exists(ChromiumPath), $"browser test skipped: no Chromium at {ChromiumPath} (apt-get install chromium)");
        var page = await NewPageAsync();
        await page.GotoAsync(Url("/"));

        // Autocomplete: the listbox offers completions as the user types.
        await page.Locator("#q").PressSequentiallyAsync("embai");
        await Assertions.Expect(page.Locator("#suggestions [role=option]").First).ToContainTextAsync(new Regex("embaixada", RegexOptions.IgnoreCase));

        // Keyboard only: type the query and press Enter.
        await page.Locator("#q").FillAsync("OTAN");
        await page.Locator("#q").PressAsync("Enter");
        // The URL is polled rather than waited on with a load event, which may already have fired.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"\?q=OTAN"));
        // The total counts articles (the reprint too); the pages show stories.
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync($"{ExtraArticles + 2} resultados");
        await Assertions.Expect(page.Locator("#results > li")).ToHaveCountAsync(10);
        var seed = page.Locator("#results > li", new() { HasText = "Embaixadas chinesas" });
        await Assertions.Expect(seed).ToHaveCountAsync(1);
        Assert.Contains("OTAN", await seed.Locator("em").AllInnerTextsAsync());
        // Its reprint is not a hit of its own but listed under it.
        await Assertions.Expect(seed.Locator(".copies")).ToContainTextAsync("Também em 1 outra publicação: Reimpressão");

        // Facets are offered as filters.
        await Assertions.Expect(page.Locator("#facets")).ToContainTextAsync("Agência Lusa (6)");

        await page.Locator("#next").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]page=2"));
        await Assertions.Expect(page.Locator("#results > li")).ToHaveCountAsync(ExtraArticles + 1 - 10);
        await Assertions.Expect(page.Locator("#page-number")).ToHaveTextAsync("Página 2");

        // The URL alone is enough: a fresh tab (no stored page tokens) shows the same page 2.
        var shared = await NewPageAsync();
        await shared.GotoAsync(page.Url);
        await Assertions.Expect(shared.Locator("#results > li")).ToHaveCountAsync(ExtraArticles + 1 - 10);
    }

    [SkippableFact]
    public async Task Relacionados_OnAHit_ShowsTheArticlesLikeItBelowIt_PageByPage()
    {
        Skip.IfNot(File.Exists(ChromiumPath), $"browser test skipped: no Chromium at {ChromiumPath} (apt-get install chromium)");
        // Eight short stories on one subject (too short to be signed as copies of each other):
        // gripe-1's related list is the other seven, more than one page of the panel's five.
        string[] openings =
        [
            "Campanha de vacinação contra a gripe começa na segunda",
            "Postos de saúde abrem aos sábados para vacinar contra a gripe",
            "Novo lote de vacinas da gripe chega aos estados",
            "Procura pela vacina contra a gripe cresce entre idosos",
            "Escolas recebem equipes de vacinação contra a gripe",
            "Ministério amplia público da vacina contra a gripe",
            "Capital prorroga a vacinação contra a gripe",
            "Farmácias vão aplicar a vacina contra a gripe",
        ];
        for (var i = 0; i < openings.Length; i++)
        {
            await _system!.IngestClient.IngestArticleAsync(new IngestArticleRequest
            {
                WaitForIndexed = true,
                Article = new RawArticle
                {
                    Id = $"gripe-{i + 1}",
                    Title = openings[i],
                    Body = $"{openings[i]}. Os postos de saúde aplicam as doses da vacina contra a gripe em idosos e crianças (aviso {i + 1}).",
                    Source = "Agência Saúde",
                    PublishedAt = "2021-07-20",
                },
            });
        }

        var page = await NewPageAsync();
        await page.GotoAsync(Url("/?q=campanha"));
        var hit = page.Locator("#results > li[data-id='gripe-1']");
        await Assertions.Expect(hit).ToHaveCountAsync(1);
        var related = hit.Locator(".related");
        await Assertions.Expect(related).ToBeHiddenAsync();
        var toggle = hit.GetByRole(AriaRole.Button, new() { Name = "Relacionados", Exact = true });

        await toggle.ClickAsync();

        await Assertions.Expect(related).ToBeVisibleAsync();
        var items = related.Locator("li");
        await Assertions.Expect(items).ToHaveCountAsync(5);
        await Assertions.Expect(items.First).ToHaveAttributeAsync("data-id", new Regex("^gripe-[2-8]$"));
        await Assertions.Expect(related).ToContainTextAsync("Agência Saúde · 20 de julho de 2021");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");

        // "Mais relacionados" appends the next page and goes away on the last one (the page's other
        // articles may follow the flu stories, so the list can run longer than seven).
        var more = related.GetByRole(AriaRole.Button, new() { Name = "Mais relacionados" });
        for (var shown = 5; await more.CountAsync() > 0; shown += 5)
        {
            Assert.True(shown < 100, "the panel kept offering more");
            await more.ClickAsync();
            await Assertions.Expect(items).Not.ToHaveCountAsync(shown);
        }

        var ids = await items.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.id)");
        Assert.True(ids.Length > 5, $"only {ids.Length} related articles");
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Subset(ids.ToHashSet(), Enumerable.Range(2, 7).Select(n => $"gripe-{n}").ToHashSet());
        Assert.DoesNotContain("gripe-1", ids);
        await Assertions.Expect(related).ToContainTextAsync("Farmácias vão aplicar a vacina contra a gripe");

        // A second click folds the list away again.
        await toggle.ClickAsync();
        await Assertions.Expect(related).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task ScriptInTheQuery_IsShownAsText()
    {
        Skip.IfNot(File.Exists(ChromiumPath), $"browser test skipped: no Chromium at {ChromiumPath} (apt-get install chromium)");
        var page = await NewPageAsync();
        const string hostile = "<script>window.__injected = 1</script><img src=x onerror=\"window.__injected = 2\"> OTAN";

        await page.GotoAsync(Url("/?q=" + Uri.EscapeDataString(hostile)));

        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("<script>window.__injected = 1</script>");
        Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__injected"));
        Assert.Equal(hostile, await page.Locator("#q").InputValueAsync());
    }

    private string Url(string path) => new Uri(_system!.Search.WebAddress, path).ToString();

    private async Task<IPage> NewPageAsync()
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { Locale = "pt-BR" });
        return await context.NewPageAsync();
    }
}
