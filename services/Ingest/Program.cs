using SeedSearch.Ingest;
using SeedSearch.Ingest.Grpc;
using SeedSearch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddIngestServices();

var app = builder.Build();
app.MapGrpcService<IngestService>();
app.MapDefaultEndpoints();
app.Run();
