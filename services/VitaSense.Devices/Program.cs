using VitaSense.Devices.Apis;
using VitaSense.Devices.Extensions;
using VitaSense.ServiceDefaults.Authentication;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddApplicationServices();

var app = builder.Build();

app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapDevicesApi();
app.MapIntegrationsApi();
app.MapDefaultEndpoints();

app.Run();

/// <summary>The entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
