using VitaSense.Gateway.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseGatewayHeaders();
app.MapDefaultEndpoints();
app.MapGatewayRoutes();

app.Run();

/// <summary>The gateway's entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
