using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VitaSense.Gateway.Tests;

/// <summary>
/// A real downstream service on 127.0.0.1 and a free port: answers every request with what it received
/// (service name, method, path, query, headers, body length) as JSON.
/// </summary>
public sealed class EchoService : IAsyncDisposable
{
    private readonly WebApplication app;

    private EchoService(WebApplication app, string name)
    {
        this.app = app;
        Name = name;
    }

    public string Name { get; }

    public string Url => app.Urls.First();

    public static async Task<EchoService> StartAsync(string name)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Map("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            // Sent so the tests can see the gateway replace a downstream's security header with its own.
            context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            context.Response.ContentType = "application/json";
            await JsonSerializer.SerializeAsync(context.Response.Body, new EchoReply(
                name,
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                body.Length));
        });
        await app.StartAsync();
        return new EchoService(app, name);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>What <see cref="EchoService"/> saw.</summary>
public sealed record EchoReply(string Service, string Method, string Path, string Query, Dictionary<string, string> Headers, long BodyLength);
