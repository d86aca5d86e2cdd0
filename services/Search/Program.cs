using SeedSearch.Search;
using SeedSearch.Search.Grpc;
using SeedSearch.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddSearchServices();

var app = builder.Build();
app.MapGrpcService<SearchService>();
app.MapGrpcService<IndexService>();
app.MapDefaultEndpoints();
app.Run();
