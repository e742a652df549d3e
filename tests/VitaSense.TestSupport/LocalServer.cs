using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VitaSense.TestSupport;

/// <summary>
/// Stand-in HTTP services for tests (fake vendors, a fake ingestion, echo backends): real Kestrel on a free loopback
/// port, without logging.
/// </summary>
public static class LocalServer
{
    /// <summary>A builder listening on a free port of 127.0.0.1; <paramref name="slim"/> false for the full host (configuration, authentication).</summary>
    public static WebApplicationBuilder CreateBuilder(bool slim = true)
    {
        var builder = slim ? WebApplication.CreateSlimBuilder() : WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        return builder;
    }

    /// <summary>The address a started <paramref name="app"/> listens on.</summary>
    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
