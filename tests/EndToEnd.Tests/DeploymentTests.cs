using System.Text.Json;
using System.Text.RegularExpressions;
using SeedSearch.ServiceDefaults;
using YamlDotNet.RepresentationModel;

namespace SeedSearch.EndToEnd.Tests;

/// <summary>
/// No container engine runs here, so docker-compose.yml and the Dockerfiles are checked against
/// the services' own configuration: every setting they pass exists in the service's
/// appsettings.json, published ports are the ports the services listen on, state lives in
/// named volumes, and health checks call the service's own probe. The probe itself runs
/// against a real service.
/// </summary>
public sealed partial class DeploymentTests
{
    private const string OpenObject = "{}";

    private static readonly string Root = FindRoot();

    public static TheoryData<string, string> Services => new()
    {
        { "search", "Search" }, { "ingest", "Ingest" }, { "search-a", "Search" }, { "search-b", "Search" }, { "ingest-cluster", "Ingest" },
    };

    private static readonly string[] Brokers = ["rabbitmq1", "rabbitmq2", "rabbitmq3"];

    [Theory]
    [MemberData(nameof(Services))]
    public void Compose_EnvironmentNamesExistingSettings(string service, string project)
    {
        var settings = Settings(project);
        foreach (var (key, _) in Environment(service).Where(e => !e.Key.StartsWith("OTEL_", StringComparison.Ordinal) && e.Key != "ASPNETCORE_ENVIRONMENT"))
        {
            var path = key.Replace("__", ":", StringComparison.Ordinal);
            var known = settings.ContainsKey(path) || settings.Any(s => s.Value == OpenObject && path.StartsWith(s.Key + ":", StringComparison.OrdinalIgnoreCase));
            Assert.True(known, $"{service}: {key} is not a setting of {project}/appsettings.json");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Compose_PublishesTheListenPortsOnLoopback(string service, string project)
    {
        var environment = Environment(service);
        var listened = new[] { "Grpc", "Web" }.Select(e => new Uri(environment[$"Kestrel__Endpoints__{e}__Url"]).Port).ToList();
        var published = Sequence(Service(service), "ports").Select(p => p.ToString()).ToList();

        Assert.Equal(listened.Select(p => $"127.0.0.1:{p}:{p}"), published);
        // The same ports as a local run (appsettings.json; the second replica 10 above, as the app
        // host's cluster profile runs it), so README's addresses hold for both.
        var local = Settings(project);
        var offset = service == "search-b" ? 10 : 0;
        Assert.Equal(listened, new[] { "Grpc", "Web" }.Select(e => new Uri(local[$"Kestrel:Endpoints:{e}:Url"]!).Port + offset));
    }

    [Fact]
    public void Compose_StateLivesInNamedVolumes_AndIngestReachesSearchByName()
    {
        var declared = ((YamlMappingNode)Document()["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        foreach (var (service, key) in new[] { ("search", "Index__Path"), ("ingest", "Outbox__Path") })
        {
            var path = Environment(service)[key];
            var mount = Sequence(Service(service), "volumes").Select(v => v.ToString().Split(':')).Single(v => path.StartsWith(v[1] + "/", StringComparison.Ordinal));
            Assert.Contains(mount[0], declared);
        }

        var searchGrpc = new Uri(Environment("search")["Kestrel__Endpoints__Grpc__Url"]).Port;
        Assert.Equal(new Uri($"http://search:{searchGrpc}"), new Uri(Environment("ingest")["Search__Address"]));
        // Ingest sends the key search accepts for its write service.
        Assert.Equal(Environment("search")["Auth__ApiKeys__ingest__Key"], Environment("ingest")["Search__ApiKey"]);
        Assert.Equal("write", Environment("search")["Auth__ApiKeys__ingest__Scopes"]);
        Assert.Contains("./seeds:/seeds:ro", Sequence(Service("ingest"), "volumes").Select(v => v.ToString()));
        Assert.Equal("/seeds", Environment("ingest")["Seeds__Path"]);
        Assert.Equal("service_healthy", ((YamlMappingNode)((YamlMappingNode)Service("ingest")["depends_on"])["search"])["condition"].ToString());
    }

    [Fact]
    public void ClusterProfile_BrokersReplicasAndIngestShareOneLog_AndStartOnlyInTheProfile()
    {
        var config = ((YamlMappingNode)((YamlMappingNode)Document()["configs"])["rabbitmq-cluster"])["content"].ToString();
        var declared = ((YamlMappingNode)Document()["volumes"]).Children.Keys.Select(k => k.ToString()).ToHashSet();
        for (var i = 0; i < Brokers.Length; i++)
        {
            var broker = Service(Brokers[i]);
            Assert.Equal(["cluster"], Sequence(broker, "profiles").Select(p => p.ToString()));
            Assert.StartsWith("rabbitmq:4.", broker["image"].ToString(), StringComparison.Ordinal);
            // Classic peer discovery lists every node by the host name it runs under.
            Assert.Equal(Brokers[i], broker["hostname"].ToString());
            Assert.Contains($"cluster_formation.classic_config.nodes.{i + 1} = rabbit@{Brokers[i]}", config);
            var data = Sequence(broker, "volumes").Select(v => v.ToString().Split(':')).Single(v => v[1] == "/var/lib/rabbitmq");
            Assert.Contains(data[0], declared);
            Assert.NotNull(broker["healthcheck"]);
        }

        Assert.Equal(3, Sequence(Service("rabbitmq1"), "volumes").Concat(Sequence(Service("rabbitmq2"), "volumes")).Concat(Sequence(Service("rabbitmq3"), "volumes"))
            .Select(v => v.ToString()).Distinct().Count());
        Assert.Contains("default_pass = ${RABBITMQ_PASSWORD", config);
        foreach (var service in new[] { "search-a", "search-b", "ingest-cluster" })
        {
            var node = Service(service);
            var environment = Environment(service);
            Assert.Equal(["cluster"], Sequence(node, "profiles").Select(p => p.ToString()));
            Assert.Equal("true", environment["ArticleLog__Enabled"]);
            Assert.Equal(Brokers.Select(b => $"{b}:5672"), environment["ArticleLog__Endpoints"].Split(','));
            Assert.Equal("seed", environment["ArticleLog__UserName"]);
            Assert.StartsWith("${RABBITMQ_PASSWORD", environment["ArticleLog__Password"], StringComparison.Ordinal);
            var dependsOn = (YamlMappingNode)node["depends_on"];
            Assert.Equal(Brokers, dependsOn.Children.Keys.Select(k => k.ToString()).Order());
            Assert.All(dependsOn.Children.Values, d => Assert.Equal("service_healthy", ((YamlMappingNode)d)["condition"].ToString()));
        }

        // Each replica keeps its own index; neither takes a write key (they refuse direct writes).
        var indexVolumes = new[] { "search-a", "search-b" }.Select(s => Sequence(Service(s), "volumes").Single().ToString().Split(':')[0]).ToList();
        Assert.Equal(2, indexVolumes.Distinct().Count());
        Assert.All(indexVolumes, v => Assert.Contains(v, declared));
        Assert.DoesNotContain(Environment("search-a").Keys, k => k.StartsWith("Auth__ApiKeys", StringComparison.Ordinal));
        // The single-node services carry no profile: `docker compose up` still starts exactly them.
        Assert.False(Service("search").Children.ContainsKey(new YamlScalarNode("profiles")));
        Assert.False(Service("ingest").Children.ContainsKey(new YamlScalarNode("profiles")));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void HealthChecks_CallTheServiceProbeOnItsWebPort(string service, string project)
    {
        var web = new Uri(Environment(service)["Kestrel__Endpoints__Web__Url"]).Port;
        var probe = $"http://127.0.0.1:{web}{HostingExtensions.HealthPath}";
        var test = Sequence((YamlMappingNode)Service(service)["healthcheck"], "test").Select(t => t.ToString()).ToList();

        Assert.Equal(["CMD", "dotnet", $"SeedSearch.{project}.dll", "--probe", probe], test);
        // The image's own health check probes the port the service listens on by default.
        var dockerfile = File.ReadAllText(Path.Combine(Root, "services", project, "Dockerfile"));
        var defaultWeb = new Uri(Settings(project)["Kestrel:Endpoints:Web:Url"]!).Port;
        Assert.Contains($"\"--probe\", \"http://127.0.0.1:{defaultWeb}{HostingExtensions.HealthPath}\"", dockerfile);
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"SeedSearch.{project}.dll\"]", dockerfile);
    }

    [Fact]
    public void SearchGcBudget_IsTheSameWhereverSearchIsStarted()
    {
        // The GC reads its gen0 budget only from the environment, so each way of starting search sets it.
        const string Budget = "0x8000000";
        var dockerfile = File.ReadAllText(Path.Combine(Root, "services", "Search", "Dockerfile"));
        Assert.Matches($@"(?m)^\s*DOTNET_GCgen0size={Budget}\b", dockerfile);
        using var launch = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "services", "Search", "Properties", "launchSettings.json")));
        Assert.Equal(Budget, launch.RootElement.GetProperty("profiles").GetProperty("grpc").GetProperty("environmentVariables")
            .GetProperty("DOTNET_GCgen0size").GetString());
        Assert.Contains($"WithEnvironment(\"DOTNET_GCgen0size\", \"{Budget}\")", File.ReadAllText(Path.Combine(Root, "services", "AppHost", "AppHost.cs")));
        Assert.Contains($"TryAdd(\"DOTNET_GCgen0size\", \"{Budget}\")", File.ReadAllText(Path.Combine(Root, "tests", "TestSupport", "LocalSystem.cs")));
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Dockerfile_MultiStage_RunsAsNonRootOnTheRuntimeImage(string service, string project)
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "services", project, "Dockerfile"));
        var stages = FromLine().Matches(dockerfile).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(["mcr.microsoft.com/dotnet/sdk:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0"], stages);
        Assert.Matches(@"(?m)^USER \$APP_UID$", dockerfile);
        Assert.Equal(Path.Combine("services", project, "Dockerfile"),
            ((YamlMappingNode)Service(service)["build"])["dockerfile"].ToString().Replace('/', Path.DirectorySeparatorChar));
    }

    [Fact]
    public async Task Probe_ExitsZeroForAHealthyService_AndOneWhenNothingAnswers()
    {
        await using var system = TestSystem.Start();

        Assert.Equal(0, HealthProbe.Run(["--probe", new Uri(system.Search.WebAddress, HostingExtensions.HealthPath).ToString()]));
        Assert.Equal(0, HealthProbe.Run(["--probe", new Uri(system.Ingest.WebAddress, HostingExtensions.HealthPath).ToString()]));
        Assert.Equal(1, HealthProbe.Run(["--probe", "http://127.0.0.1:9/healthz"]));
        Assert.Null(HealthProbe.Run([]));
    }

    private static YamlMappingNode Document()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Root, "docker-compose.yml"));
        yaml.Load(reader);
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => Merged((YamlMappingNode)((YamlMappingNode)Document()["services"])[name]);

    // Applies YAML merge keys ("<<: *anchor"), as compose does: the node's own keys win.
    private static YamlMappingNode Merged(YamlMappingNode node)
    {
        var merged = new YamlMappingNode();
        if (node.Children.TryGetValue(new YamlScalarNode("<<"), out var source))
        {
            foreach (var (key, value) in Merged((YamlMappingNode)source).Children)
            {
                merged.Children[key] = value;
            }
        }

        foreach (var (key, value) in node.Children.Where(c => c.Key.ToString() != "<<"))
        {
            merged.Children[key] = value is YamlMappingNode mapping ? Merged(mapping) : value;
        }

        return merged;
    }

    private static IEnumerable<YamlNode> Sequence(YamlMappingNode node, string key) => (YamlSequenceNode)node[key];

    private static Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children.ToDictionary(e => e.Key.ToString(), e => e.Value.ToString());

    // Every key path of appsettings.json, as configuration sees it ("Index:Path", "Cors:AllowedOrigins").
    private static Dictionary<string, string?> Settings(string project)
    {
        var keys = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Walk(JsonElement element, string prefix)
        {
            // An empty object (Auth:ApiKeys) or an array (Cors:AllowedOrigins) takes any names or indexes below it.
            keys[prefix] = element.ValueKind switch
            {
                JsonValueKind.Object when !element.EnumerateObject().Any() => OpenObject,
                JsonValueKind.Array => OpenObject,
                JsonValueKind.Object => null,
                _ => element.ToString(),
            };
            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
                }
            }
        }

        Walk(JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "services", project, "appsettings.json"))).RootElement, "");
        return keys;
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Search.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Search.sln not found above the test output");
    }

    [GeneratedRegex(@"(?m)^FROM (\S+)")]
    private static partial Regex FromLine();
}
