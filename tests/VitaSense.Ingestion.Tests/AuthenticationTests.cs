using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VitaSense.ServiceDefaults.Authentication;
using static VitaSense.Ingestion.Tests.TestData;

namespace VitaSense.Ingestion.Tests;

/// <summary>API-key and token authentication of /status, device-scoped keys, and per-user isolation.</summary>
public sealed class AuthenticationTests(IngestionFactory factory) : IClassFixture<IngestionFactory>
{
    [Fact]
    public async Task Without_valid_credentials_every_status_endpoint_is_401_invalid_api_key()
    {
        var anonymous = factory.CreateClient();
        var badKey = ClientWithKey(factory, $"vsk_{new string('A', 12)}_{new string('b', 43)}");
        var badToken = factory.CreateClient();
        badToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt");

        foreach (var client in new[] { anonymous, badKey, badToken })
        {
            foreach (var response in new[]
            {
                await client.PostAsJsonAsync("/status", Status("d", MinutesAgo(1))),
                await client.GetAsync("/status/d"),
                await client.GetAsync("/status/summary"),
                await client.GetAsync("/status/d/history"),
            })
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                Assert.Equal("Invalid API key", (await JsonAsync(response)).GetProperty("detail").GetString());
            }
        }
    }

    [Fact]
    public async Task A_key_works_until_it_is_revoked()
    {
        var user = NewId("user");
        var person = ClientFor(factory, user);
        var created = await CreateKeyAsync(person, "hall sensor");
        var device = ClientWithKey(factory, created.GetProperty("key").GetString()!);
        var deviceId = NewId("sensor");

        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/status", Status(deviceId, MinutesAgo(2)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync($"/status/{deviceId}")).StatusCode);
        // The key writes as its user: the person sees the device.
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/status/{deviceId}")).StatusCode);

        var revoke = await person.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var refused = await device.PostAsJsonAsync("/status", Status(deviceId, MinutesAgo(1)));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Invalid API key", (await JsonAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(1, await HistoryRowsAsync(factory.DatabaseConnectionString, user));
    }

    [Fact]
    public async Task A_device_scoped_key_may_only_post_and_read_its_device()
    {
        var user = NewId("user");
        var person = ClientFor(factory, user);
        var mine = NewId("scoped");
        var other = NewId("other");
        await person.PostAsJsonAsync("/status", Status(other, MinutesAgo(3)));
        var created = await CreateKeyAsync(person, "one device", mine);
        Assert.Equal(mine, created.GetProperty("device_id").GetString());
        var device = ClientWithKey(factory, created.GetProperty("key").GetString()!);

        Assert.Equal(HttpStatusCode.OK, (await device.PostAsJsonAsync("/status", Status(mine, MinutesAgo(2)))).StatusCode);
        var forbidden = await device.PostAsJsonAsync("/status", Status(other, MinutesAgo(2)));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.GetAsync($"/status/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await device.GetAsync($"/status/{other}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await device.GetAsync($"/status/{mine}")).StatusCode);

        var summary = await JsonAsync(await device.GetAsync("/status/summary"));
        Assert.Equal([mine], summary.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("device_id").GetString()));
        Assert.Equal(2, await HistoryRowsAsync(factory.DatabaseConnectionString, user));
    }

    [Fact]
    public async Task A_user_cannot_see_another_users_device()
    {
        var alice = ClientFor(factory, NewId("alice"));
        var bob = ClientFor(factory, NewId("bob"));
        var device = NewId("sensor");
        await alice.PostAsJsonAsync("/status", Status(device, MinutesAgo(4)));

        var latest = await bob.GetAsync($"/status/{device}");
        Assert.Equal(HttpStatusCode.NotFound, latest.StatusCode);
        Assert.Equal($"Device {device} not found", (await JsonAsync(latest)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/status/{device}/history")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await bob.GetAsync("/status/summary"))).GetProperty("total_devices").GetInt32());

        // The same device id under Bob is Bob's own device, and does not touch Alice's.
        await bob.PostAsJsonAsync("/status", Status(device, MinutesAgo(1), battery: 11));
        Assert.Equal(76, (await JsonAsync(await alice.GetAsync($"/status/{device}"))).GetProperty("battery_level").GetInt32());
        Assert.Equal(11, (await JsonAsync(await bob.GetAsync($"/status/{device}"))).GetProperty("battery_level").GetInt32());
    }

    [Fact]
    public async Task Keys_are_listed_without_secrets_and_stored_only_as_argon2id_hashes()
    {
        var user = NewId("user");
        var person = ClientFor(factory, user);
        var created = await CreateKeyAsync(person, "exporter");
        var key = created.GetProperty("key").GetString()!;
        Assert.True(ApiKeySecret.TryParse(key, out var parsed));
        Assert.Equal(parsed.KeyId, created.GetProperty("id").GetString());
        Assert.Equal(user, created.GetProperty("user_id").GetString());
        Assert.Equal("exporter", created.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("device_id").ValueKind);
        Assert.True(created.TryGetProperty("created_at", out _));

        var listResponse = await person.GetAsync("/api/v1/api-keys");
        var listText = await listResponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain(parsed.Secret, listText);
        var listed = Assert.Single(JsonDocument.Parse(listText).RootElement.EnumerateArray());
        Assert.Equal(parsed.KeyId, listed.GetProperty("id").GetString());
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.False(listed.TryGetProperty("secret_hash", out _));

        await using var dataSource = Npgsql.NpgsqlDataSource.Create(factory.DatabaseConnectionString);
        await using var command = dataSource.CreateCommand("SELECT secret_hash FROM ingestion.api_keys WHERE key_id = @id");
        command.Parameters.AddWithValue("id", parsed.KeyId);
        var hash = (string)(await command.ExecuteScalarAsync())!;
        Assert.StartsWith("$argon2id$v=19$", hash);
        Assert.DoesNotContain(parsed.Secret, hash);
        Assert.True(ApiKeyHasher.Verify(parsed.Secret, hash));
    }

    [Fact]
    public async Task A_user_cannot_revoke_another_users_key_and_keys_cannot_manage_keys()
    {
        var alice = ClientFor(factory, NewId("alice"));
        var bob = ClientFor(factory, NewId("bob"));
        var created = await CreateKeyAsync(alice, "alice's sensor");
        var id = created.GetProperty("id").GetString();

        var response = await bob.DeleteAsync($"/api/v1/api-keys/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ClientWithKey(factory, created.GetProperty("key").GetString()!).GetAsync("/status/summary")).StatusCode);

        var withKey = ClientWithKey(factory, created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.Forbidden, (await withKey.PostAsJsonAsync("/api/v1/api-keys", new { name = "escalation" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/v1/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostAsJsonAsync("/api/v1/api-keys", new { name = "" })).StatusCode);
    }

    [Fact]
    public async Task The_validator_refuses_a_revoked_key_immediately_after_invalidate()
    {
        var person = ClientFor(factory, NewId("user"));
        var created = await CreateKeyAsync(person, "cached");
        var key = created.GetProperty("key").GetString()!;
        var validator = factory.Services.GetRequiredService<ApiKeyValidator>();
        Assert.NotNull(await validator.ValidateAsync(key, CancellationToken.None));

        await person.DeleteAsync($"/api/v1/api-keys/{created.GetProperty("id").GetString()}");

        Assert.Null(await validator.ValidateAsync(key, CancellationToken.None));
    }

    private static async Task<JsonElement> CreateKeyAsync(HttpClient person, string name, string? deviceId = null)
    {
        var response = await person.PostAsJsonAsync("/api/v1/api-keys", new Dictionary<string, string?> { ["name"] = name, ["device_id"] = deviceId });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await JsonAsync(response);
    }
}

/// <summary>With the specification's ENABLE_AUTH=false, /status is open and data belongs to "anonymous".</summary>
public sealed class AuthenticationOffTests(AnonymousIngestionFactory factory) : IClassFixture<AnonymousIngestionFactory>
{
    [Fact]
    public async Task Status_works_without_credentials_as_user_anonymous()
    {
        var client = factory.CreateClient();
        var device = NewId("open");

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/status", Status(device, MinutesAgo(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/status/{device}")).StatusCode);
        Assert.Equal(1, await CountAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM ingestion.device_status_history WHERE user_id = 'anonymous' AND device_id = @device", ("device", device)));
        // Key management still needs a person.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/api-keys")).StatusCode);
    }
}
