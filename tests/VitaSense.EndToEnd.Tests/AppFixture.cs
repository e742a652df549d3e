using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using VitaSense.Hosting;
using VitaSense.Hosting.Testing;

namespace VitaSense.EndToEnd.Tests;

/// <summary>The whole app model from Program.cs, started once for the end-to-end tests and reached through the gateway.</summary>
public sealed class AppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public string KafkaBootstrapServers { get; private set; } = "";

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(cts.Token);
        App = await builder.BuildAsync(cts.Token);
        await App.StartAsync(cts.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cts.Token);
        Gateway = App.CreateHttpClient("gateway");
        KafkaBootstrapServers = await App.GetConnectionStringAsync("messaging", cts.Token)
            ?? throw new InvalidOperationException("The messaging resource has no connection string.");
    }

    public async Task DisposeAsync()
    {
        Gateway?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    /// <summary>A person's token for <paramref name="userId"/>, signed with the app's development key.</summary>
    public string TokenFor(string userId) => App.MintToken(userId);

    /// <summary>Creates an API key for a user through the gateway, as the AppHost's <c>apikey</c> command does.</summary>
    public async Task<string> CreateApiKeyAsync(string userId, string? deviceId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys")
        {
            Content = JsonContent.Create(new { name = "e2e", device_id = deviceId }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(userId));
        using var response = await Gateway.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CreatedKey>())!.Key;
    }

    /// <summary>Sends a request through the gateway as <paramref name="token"/>'s person, with a JSON body when given.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Gateway.SendAsync(request);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(250);
        }
    }

    private sealed record CreatedKey([property: JsonPropertyName("key")] string Key);
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
