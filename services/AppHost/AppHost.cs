using Microsoft.Extensions.Configuration;
using SeedSearch.AppHost;

// Local run of the whole system: search on 127.0.0.1:5100 (gRPC) and 127.0.0.1:5101 (search page,
// JSON/REST, gRPC-Web), ingest on 127.0.0.1:5200 and 127.0.0.1:5201 (the same addresses as running
// each service alone), the seed folder imported at start-up, and the Aspire dashboard for logs,
// traces and metrics.
//
// The `cluster` launch profile instead runs three RabbitMQ nodes (Debian's rabbitmq-server), ingest
// publishing to the replicated article log, and two search replicas following it: gRPC on
// 127.0.0.1:5100 and 127.0.0.1:5110, HTTP/1.1 on 5101 and 5111, data under .data/cluster/.
//
// Each service binds its own HTTP/2 gRPC port from its Kestrel settings, exactly as when run
// alone. Aspire is told not to turn those settings into proxied endpoints: its proxy would own
// the port and add an HTTP/1.1 listener beside the HTTP/2-only one.
var builder = DistributedApplication.CreateBuilder(args);

var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
var searchPort = builder.Configuration.GetValue("SeedSearch:SearchPort", 5100);
var ingestPort = builder.Configuration.GetValue("SeedSearch:IngestPort", 5200);
var seeds = builder.Configuration["SeedSearch:SeedsPath"] ?? Path.Combine(repositoryRoot, "seeds");
var searchWeb = $"http://127.0.0.1:{builder.Configuration.GetValue("SeedSearch:SearchWebPort", 5101)}";
var ingestWeb = $"http://127.0.0.1:{builder.Configuration.GetValue("SeedSearch:IngestWebPort", 5201)}";
var searchAddress = $"http://127.0.0.1:{searchPort}";
var ingestAddress = $"http://127.0.0.1:{ingestPort}";

if (builder.Configuration["SeedSearch:Topology"] == "cluster")
{
    if (!File.Exists(RabbitMqCluster.ServerScript))
    {
        Console.Error.WriteLine($"The cluster profile runs three nodes of Debian's rabbitmq-server, which is not installed ({RabbitMqCluster.ServerScript} is missing).");
        Console.Error.WriteLine("Install it with:  sudo apt-get install rabbitmq-server");
        return 1;
    }

    AddCluster();
}
else
{
    AddSingleNode();
}

builder.Build().Run();
return 0;

void AddSingleNode()
{
    // Ingest authenticates to search's write service with a key made for this run. Ingest itself
    // accepts writes without a key here, so local tools and grpcurl work out of the box.
    var indexKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    // Search allocates a lot per query; a 128 MB gen0 budget (the GC reads it only from the
    // environment) cut its p99 under a steady load from 54 to 42 ms (docs/performance.md).
    var search = builder.AddProject<Projects.Search>("search", ServiceOptions)
        .WithEnvironment("DOTNET_GCgen0size", "0x8000000")
        .WithEnvironment("Auth__ApiKeys__ingest__Key", indexKey)
        .WithEnvironment("Auth__ApiKeys__ingest__Scopes", "write")
        .WithEnvironment("Kestrel__Endpoints__Grpc__Url", searchAddress)
        .WithEnvironment("Kestrel__Endpoints__Web__Url", searchWeb)
        .WithUrl($"{searchWeb}/", "Search page");

    builder.AddProject<Projects.Ingest>("ingest", ServiceOptions)
        .WithEnvironment("Kestrel__Endpoints__Grpc__Url", ingestAddress)
        .WithEnvironment("Kestrel__Endpoints__Web__Url", ingestWeb)
        .WithEnvironment("Search__Address", searchAddress)
        .WithEnvironment("Search__ApiKey", indexKey)
        .WithEnvironment("Auth__AllowAnonymousWrites", "true")
        .WithEnvironment("Seeds__Path", seeds)
        .WaitFor(search);
}

// Replicas share everything but their ports and index; ingest and both replicas wait for all
// three nodes, so the stream is first declared with its three copies.
void AddCluster()
{
    var data = Path.Combine(repositoryRoot, ".data", "cluster");
    var nodes = RabbitMqCluster.Add(builder, data);
    (string Name, int Grpc, int Web)[] replicas = [("search-a", searchPort, searchPort + 1), ("search-b", searchPort + 10, searchPort + 11)];
    foreach (var (name, grpcPort, webPort) in replicas)
    {
        var grpc = $"http://127.0.0.1:{grpcPort}";
        var web = $"http://127.0.0.1:{webPort}";
        var replica = builder.AddProject<Projects.Search>(name, ServiceOptions)
            .WithEnvironment("DOTNET_GCgen0size", "0x8000000")
            .WithEnvironment("ArticleLog__Enabled", "true")
            .WithEnvironment("ArticleLog__Endpoints", RabbitMqCluster.Endpoints)
            .WithEnvironment("Index__Path", Path.Combine(data, name, "index"))
            .WithEnvironment("Kestrel__Endpoints__Grpc__Url", grpc)
            .WithEnvironment("Kestrel__Endpoints__Web__Url", web)
            .WithUrl($"{web}/", "Search page");
        foreach (var node in nodes)
        {
            replica.WaitFor(node);
        }
    }

    var ingest = builder.AddProject<Projects.Ingest>("ingest", ServiceOptions)
        .WithEnvironment("Kestrel__Endpoints__Grpc__Url", ingestAddress)
        .WithEnvironment("Kestrel__Endpoints__Web__Url", ingestWeb)
        .WithEnvironment("ArticleLog__Enabled", "true")
        .WithEnvironment("ArticleLog__Endpoints", RabbitMqCluster.Endpoints)
        .WithEnvironment("Outbox__Path", Path.Combine(data, "ingest", "outbox.db"))
        .WithEnvironment("Auth__AllowAnonymousWrites", "true")
        .WithEnvironment("Seeds__Path", seeds);
    foreach (var node in nodes)
    {
        ingest.WaitFor(node);
    }
}


static void ServiceOptions(ProjectResourceOptions options)
{
    options.ExcludeLaunchProfile = true;
    options.ExcludeKestrelEndpoints = true;
}
