using VitaSense.Ingestion.Apis;
using VitaSense.Ingestion.Extensions;
using VitaSense.ServiceDefaults.Authentication;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddApplicationServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapOpenApi();
app.MapDeviceStatusApi();
app.MapApiKeysApi();
app.MapSyncApi();
app.MapDeviceDataApi();
app.MapStatsApi();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
