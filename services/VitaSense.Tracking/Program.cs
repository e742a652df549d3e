using VitaSense.ServiceDefaults.Authentication;
using VitaSense.Tracking.Apis;
using VitaSense.Tracking.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddApplicationServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapRecordsApis();
app.MapInsightsApis();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
