using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Registry;

/// <summary>The devices service with every log message of every level captured.</summary>
public sealed class LogCapturingDevicesFactory : DevicesFactory
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Logging:LogLevel:Default"] = "Trace";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}

/// <summary>Keeps every formatted message (with its exception) in memory.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{category}: {formatter(state, exception)} {state} {exception}");
    }
}

/// <summary>Vendor credentials never appear in any log message, at any level, through register, update and unregister.</summary>
public sealed class CredentialLoggingTests(LogCapturingDevicesFactory factory) : IClassFixture<LogCapturingDevicesFactory>
{
    [Fact]
    public async Task Tokens_sent_to_the_registry_are_never_logged()
    {
        var client = ClientFor(factory, NewUser());
        var access = $"secret-access-{Guid.NewGuid():N}";
        var refresh = $"secret-refresh-{Guid.NewGuid():N}";
        var id = await RegisterAsync(client, b => b["credentials"] = new JsonObject { ["access_token"] = access, ["refresh_token"] = refresh });
        var replaced = $"secret-replaced-{Guid.NewGuid():N}";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{id}", Json(new JsonObject { ["credentials"] = new JsonObject { ["access_token"] = replaced } }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsync($"{DevicesUrl}/{id}", Json(new JsonObject
        {
            ["credentials"] = new JsonObject { ["access_token"] = $"{replaced}-bad", ["expires_at"] = "soon" },
        }))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{id}")).StatusCode);

        Assert.Contains(factory.Logs.Messages, m => m.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Messages, m => m.Contains("secret-", StringComparison.Ordinal));
    }
}
