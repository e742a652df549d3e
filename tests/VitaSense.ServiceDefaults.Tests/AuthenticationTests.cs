using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.ServiceDefaults.Tests;

/// <summary>
/// The shared authentication over real HTTP: a Kestrel app on a loopback port with AddDefaultAuthentication,
/// JWTs minted the way the AppHost mints them, and API keys hashed with Argon2id.
/// </summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);
    private readonly RecordingKeyStore store = new();
    private WebApplication app = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Authentication:Jwt:SigningKey"] = Convert.ToBase64String(SigningKey);
        builder.AddDefaultAuthentication();
        builder.Services.AddSingleton<IApiKeyStore>(store);
        app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (HttpContext context) => new
        {
            user = context.User.GetUserId(),
            device = context.User.GetDeviceScope(),
        }).RequireAuthorization();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task A_valid_token_authenticates_as_its_subject()
    {
        var token = DevelopmentTokens.Mint(Settings(), "alice", TimeSpan.FromMinutes(5));

        var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", (await response.Content.ReadFromJsonAsync<WhoAmI>())!.User);
    }

    [Fact]
    public async Task Tokens_expired_or_for_another_audience_or_signed_with_another_key_are_refused()
    {
        var expired = DevelopmentTokens.Mint(Settings(), "alice", TimeSpan.FromMinutes(5), new ShiftedTime(TimeSpan.FromHours(-1)));
        var otherAudience = DevelopmentTokens.Mint(Settings() with { Audience = "someone-else" }, "alice", TimeSpan.FromMinutes(5));
        var otherKey = DevelopmentTokens.Mint(Settings() with { SigningKey = RandomNumberGenerator.GetBytes(32) }, "alice", TimeSpan.FromMinutes(5));

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(expired)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(otherAudience)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(otherKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/whoami")).StatusCode);
    }

    [Theory]
    [InlineData("X-API-Key")]
    [InlineData("api-key")]
    [InlineData("Authorization")]
    public async Task An_api_key_authenticates_from_each_accepted_header(string header)
    {
        var key = store.Add("bob", deviceId: "watch-1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        if (header == "Authorization")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Value);
        }
        else
        {
            request.Headers.Add(header, key.Value);
        }

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var who = (await response.Content.ReadFromJsonAsync<WhoAmI>())!;
        Assert.Equal("bob", who.User);
        Assert.Equal("watch-1", who.Device);
    }

    [Fact]
    public async Task A_wrong_key_gets_the_specified_401_body()
    {
        var key = store.Add("bob");
        var wrong = new ApiKeySecret(key.KeyId, ApiKeySecret.Generate().Secret);

        var response = await SendKeyAsync(wrong.Value);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Invalid API key", (await response.Content.ReadFromJsonAsync<Detail>())!.detail);
    }

    [Fact]
    public async Task A_revoked_key_is_refused()
    {
        var key = store.Add("bob");
        store.Revoke(key.KeyId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendKeyAsync(key.Value)).StatusCode);
    }

    [Fact]
    public async Task A_verified_key_is_cached_so_argon2_runs_once_per_cache_period()
    {
        var key = store.Add("carol");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SendKeyAsync(key.Value)).StatusCode);
        }

        Assert.Equal(1, store.Lookups(key.KeyId));
    }

    [Fact]
    public async Task Invalidating_a_key_forces_a_fresh_lookup_that_sees_the_revocation()
    {
        var key = store.Add("dave");
        Assert.Equal(HttpStatusCode.OK, (await SendKeyAsync(key.Value)).StatusCode);

        store.Revoke(key.KeyId);
        app.Services.GetRequiredService<ApiKeyValidator>().Invalidate(key.KeyId);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendKeyAsync(key.Value)).StatusCode);
    }

    private JwtSettings Settings() => new(null, JwtSettings.DevelopmentIssuer, JwtSettings.DefaultAudience, SigningKey);

    private Task<HttpResponseMessage> SendAsync(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SendKeyAsync(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Add("X-API-Key", key);
        return client.SendAsync(request);
    }

    private sealed record WhoAmI(string User, string? Device);

    private sealed record Detail(string detail);

    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    /// <summary>A key table in memory: the handler's logic is under test here; the real table is tested in Ingestion.</summary>
    private sealed class RecordingKeyStore : IApiKeyStore
    {
        private readonly ConcurrentDictionary<string, StoredApiKey> keys = new();
        private readonly ConcurrentDictionary<string, int> lookups = new();

        public ApiKeySecret Add(string userId, string? deviceId = null)
        {
            var key = ApiKeySecret.Generate();
            keys[key.KeyId] = new StoredApiKey(key.KeyId, userId, deviceId, ApiKeyHasher.Hash(key.Secret), null);
            return key;
        }

        public void Revoke(string keyId) => keys[keyId] = keys[keyId] with { RevokedAt = DateTimeOffset.UtcNow };

        public int Lookups(string keyId) => lookups.GetValueOrDefault(keyId);

        public Task<StoredApiKey?> FindAsync(string keyId, CancellationToken cancellationToken)
        {
            lookups.AddOrUpdate(keyId, 1, (_, n) => n + 1);
            return Task.FromResult(keys.GetValueOrDefault(keyId));
        }
    }
}
