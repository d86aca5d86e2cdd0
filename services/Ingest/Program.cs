using SeedSearch.Ingest;
using SeedSearch.Ingest.Grpc;
using SeedSearch.ServiceDefaults;
using SeedSearch.ServiceDefaults.Security;

if (HealthProbe.Run(args) is { } probe)
{
    return probe;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddClientRateLimiting();
builder.AddApiKeyAuthentication();
builder.AddWebFrontEnds("Seed Search: ingest");
builder.AddIngestServices();

var app = builder.Build();
app.UseClientRateLimiting();
app.UseWebFrontEnds();
app.UseApiKeyAuthentication();
app.MapGrpcService<IngestService>();
app.MapDefaultEndpoints();
app.Run();
return 0;
