using SeedSearch.Search;
using SeedSearch.Search.Grpc;
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
builder.AddWebFrontEnds("Seed Search: search");
builder.AddSearchServices();

var app = builder.Build();
app.UseClientRateLimiting();
app.UseWebFrontEnds();
app.UseApiKeyAuthentication();
// The search page (wwwroot/index.html) at /, unless turned off.
if (app.Configuration.GetValue("Web:EnableSearchPage", true))
{
    app.UseDefaultFiles();
    app.UseStaticFiles();
}
app.MapGrpcService<SearchService>();
app.MapGrpcService<IndexService>();
app.MapDefaultEndpoints();
app.Run();
return 0;
