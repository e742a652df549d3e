using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VitaSense.Devices.Infrastructure.Security;
using static VitaSense.Devices.Tests.DeviceTestData;

namespace VitaSense.Devices.Tests.Registry;

/// <summary><c>/api/v1/devices</c> against real PostgreSQL: register, list, get, update, unregister, firmware history, credentials.</summary>
public sealed class DeviceRegistryTests(DevicesFactory factory) : IClassFixture<DevicesFactory>
{
    private string Database => factory.DatabaseConnectionString;

    [Fact]
    public async Task Registering_answers_201_in_the_seed_shape_and_the_device_reads_back_with_every_field()
    {
        var client = ClientFor(factory, NewUser());
        var body = Registration(b => b["group_name"] = "wrist");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var response = await client.PostAsync(DevicesUrl, Json(body));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        Assert.Equal(["device_id", "status", "sync_status", "last_sync", "next_sync", "created_at"], created.EnumerateObject().Select(p => p.Name));
        var id = created.GetProperty("device_id").GetGuid();
        Assert.Equal($"{DevicesUrl}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("registered", created.GetProperty("status").GetString());
        Assert.Equal("pending", created.GetProperty("sync_status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("last_sync").ValueKind);
        var createdAt = created.GetProperty("created_at").GetDateTimeOffset();
        Assert.InRange(createdAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(createdAt.AddMinutes(15), created.GetProperty("next_sync").GetDateTimeOffset());

        var device = await GetJsonAsync(client, $"{DevicesUrl}/{id}");
        Assert.Equal(id, device.GetProperty("device_id").GetGuid());
        Assert.Equal("fitbit_charge_5", device.GetProperty("device_type").GetString());
        Assert.Equal("My Fitbit", device.GetProperty("device_name").GetString());
        Assert.Equal("Fitbit", device.GetProperty("manufacturer").GetString());
        Assert.Equal("Charge 5", device.GetProperty("model").GetString());
        Assert.Equal(body["serial_number"]!.GetValue<string>(), device.GetProperty("serial_number").GetString());
        Assert.Equal("1.2.3", device.GetProperty("firmware_version").GetString());
        Assert.Equal(["heart_rate", "steps", "sleep", "gps"], device.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("api", device.GetProperty("integration_type").GetString());
        Assert.Equal("wrist", device.GetProperty("group_name").GetString());
        Assert.True(device.GetProperty("has_credentials").GetBoolean());
        Assert.True(device.GetProperty("sync_settings").GetProperty("auto_sync").GetBoolean());
        Assert.Equal(15, device.GetProperty("sync_settings").GetProperty("sync_interval_minutes").GetInt32());
        Assert.Equal(30, device.GetProperty("sync_settings").GetProperty("sync_historical_days").GetInt32());
        Assert.Equal(createdAt, device.GetProperty("created_at").GetDateTimeOffset());
        Assert.False(device.TryGetProperty("credentials", out _));
    }

    [Fact]
    public async Task Credentials_are_stored_encrypted_bound_to_the_device_never_returned_replaceable_and_wiped()
    {
        var client = ClientFor(factory, NewUser());
        var body = Registration();
        var token = body["credentials"]!["access_token"]!.GetValue<string>();
        var id = await RegisterAsync(client, b => b["credentials"] = body["credentials"]!.DeepClone());
        var protector = factory.Services.GetRequiredService<CredentialProtector>();

        var stored = (byte[])(await ScalarAsync(Database, "SELECT credentials FROM devices.devices WHERE device_id = @id", ("id", id)))!;
        Assert.DoesNotContain(token, System.Text.Encoding.UTF8.GetString(stored));
        var decrypted = protector.Unprotect(stored, id.ToString());
        Assert.Equal(token, decrypted.AccessToken);
        Assert.Equal("fitbit_refresh_token", decrypted.RefreshToken);
        Assert.Equal(new DateTimeOffset(2030, 12, 31, 23, 59, 59, TimeSpan.Zero), decrypted.ExpiresAt);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => protector.Unprotect(stored, Guid.NewGuid().ToString()));

        foreach (var path in new[] { $"{DevicesUrl}/{id}", DevicesUrl, $"{DevicesUrl}/{id}/health", $"{DevicesUrl}/health/summary", $"{DevicesUrl}/{id}/firmware" })
        {
            var text = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain("fitbit_refresh_token", text);
        }

        var replaced = await client.PutAsync($"{DevicesUrl}/{id}", Json(new JsonObject { ["credentials"] = new JsonObject { ["access_token"] = "second-token" } }));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.DoesNotContain("second-token", await replaced.Content.ReadAsStringAsync());
        stored = (byte[])(await ScalarAsync(Database, "SELECT credentials FROM devices.devices WHERE device_id = @id", ("id", id)))!;
        Assert.Equal("second-token", protector.Unprotect(stored, id.ToString()).AccessToken);
        Assert.Null(protector.Unprotect(stored, id.ToString()).RefreshToken);

        var removed = await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"credentials": null}"""));
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False((await JsonAsync(removed)).GetProperty("has_credentials").GetBoolean());
        Assert.Equal(1, await CountAsync(Database, "SELECT count(*) FROM devices.devices WHERE device_id = @id AND credentials IS NULL", ("id", id)));
    }

    [Theory]
    [InlineData("device_type", """{"device_name": "x", "integration_type": "api"}""")]
    [InlineData("device_name", """{"device_type": "scale", "integration_type": "wifi", "device_name": "   "}""")]
    [InlineData("integration_type", """{"device_type": "scale", "device_name": "x", "integration_type": "carrier_pigeon"}""")]
    [InlineData("integration_type", """{"device_type": "scale", "device_name": "x"}""")]
    [InlineData("serial_number", """{"device_type": "scale", "device_name": "x", "integration_type": "wifi", "serial_number": 42}""")]
    [InlineData("capabilities", """{"device_type": "scale", "device_name": "x", "integration_type": "wifi", "capabilities": "steps"}""")]
    [InlineData("capabilities[1]", """{"device_type": "scale", "device_name": "x", "integration_type": "wifi", "capabilities": ["steps", 3]}""")]
    [InlineData("sync_settings.sync_interval_minutes", """{"device_type": "scale", "device_name": "x", "integration_type": "api", "sync_settings": {"sync_interval_minutes": 0}}""")]
    [InlineData("sync_settings.sync_historical_days", """{"device_type": "scale", "device_name": "x", "integration_type": "api", "sync_settings": {"sync_historical_days": 400}}""")]
    [InlineData("sync_settings.auto_sync", """{"device_type": "scale", "device_name": "x", "integration_type": "api", "sync_settings": {"auto_sync": "yes"}}""")]
    [InlineData("credentials.access_token", """{"device_type": "scale", "device_name": "x", "integration_type": "api", "credentials": {"refresh_token": "r"}}""")]
    [InlineData("credentials.expires_at", """{"device_type": "scale", "device_name": "x", "integration_type": "api", "credentials": {"access_token": "a", "expires_at": "2030-12-31T23:59:59"}}""")]
    [InlineData("firmware_version", """{"device_type": "scale", "device_name": "x", "integration_type": "wifi", "firmware_version": "123456789012345678901234567890123456789012345678901"}""")]
    [InlineData("body", """{"device_type": "scale",""")]
    [InlineData("body", """[1, 2]""")]
    public async Task An_invalid_registration_is_400_problem_details_naming_the_field(string field, string body)
    {
        var client = ClientFor(factory, NewUser());

        var response = await client.PostAsync(DevicesUrl, Raw(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors does not name {field}: {problem}");
    }

    [Theory]
    [InlineData("limit", "limit=0")]
    [InlineData("limit", "limit=101")]
    [InlineData("limit", "limit=ten")]
    [InlineData("offset", "offset=-1")]
    [InlineData("status", "status=sleeping")]
    public async Task An_invalid_list_query_is_400_naming_the_parameter(string field, string query)
    {
        var response = await ClientFor(factory, NewUser()).GetAsync($"{DevicesUrl}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await JsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_invalid_update_is_400_naming_the_field_and_changes_nothing()
    {
        var client = ClientFor(factory, NewUser());
        var id = await RegisterAsync(client);

        var response = await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"device_name": null, "sync_settings": {"sync_interval_minutes": 5000}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await JsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("device_name", out _));
        Assert.True(errors.TryGetProperty("sync_settings.sync_interval_minutes", out _));
        Assert.Equal("My Fitbit", (await GetJsonAsync(client, $"{DevicesUrl}/{id}")).GetProperty("device_name").GetString());
    }

    [Fact]
    public async Task A_duplicate_serial_number_is_409_on_register_and_update_and_is_free_again_once_unregistered()
    {
        var client = ClientFor(factory, NewUser());
        var serial = NewSerial();
        var first = await RegisterAsync(client, b => b["serial_number"] = serial);

        var again = await ClientFor(factory, NewUser()).PostAsync(DevicesUrl, Json(Registration(b => b["serial_number"] = serial)));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("serial_number", (await JsonAsync(again)).GetProperty("field").GetString());

        var second = await RegisterAsync(client);
        var update = await client.PutAsync($"{DevicesUrl}/{second}", Json(new JsonObject { ["serial_number"] = serial }));
        Assert.Equal(HttpStatusCode.Conflict, update.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{second}", Json(new JsonObject { ["serial_number"] = serial }))).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_by_type_status_and_group_pages_in_registration_order_and_counts_the_total()
    {
        var client = ClientFor(factory, NewUser());
        var watch1 = await RegisterAsync(client, b => { b["device_type"] = "smartwatch"; b["group_name"] = "family"; });
        var scale = await RegisterAsync(client, b => { b["device_type"] = "scale"; b["integration_type"] = "wifi"; b["group_name"] = "family"; });
        var watch2 = await RegisterAsync(client, b => b["device_type"] = "smartwatch");
        var gone = await RegisterAsync(client, b => b["device_type"] = "smartwatch");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{gone}")).StatusCode);

        static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("device_id").GetGuid()).ToList();

        var all = await GetJsonAsync(client, DevicesUrl);
        Assert.Equal([watch1, scale, watch2], Ids(all));
        Assert.Equal(3, all.GetProperty("total").GetInt64());
        Assert.Equal(20, all.GetProperty("limit").GetInt32());
        Assert.Equal(0, all.GetProperty("offset").GetInt32());

        var watches = await GetJsonAsync(client, $"{DevicesUrl}?device_type=smartwatch");
        Assert.Equal([watch1, watch2], Ids(watches));

        var family = await GetJsonAsync(client, $"{DevicesUrl}?group=family");
        Assert.Equal([watch1, scale], Ids(family));

        var unregistered = await GetJsonAsync(client, $"{DevicesUrl}?status=unregistered");
        Assert.Equal([gone], Ids(unregistered));

        var page2 = await GetJsonAsync(client, $"{DevicesUrl}?limit=2&offset=2");
        Assert.Equal([watch2], Ids(page2));
        Assert.Equal(3, page2.GetProperty("total").GetInt64());
        Assert.Equal(2, page2.GetProperty("limit").GetInt32());

        var beyond = await GetJsonAsync(client, $"{DevicesUrl}?offset=50");
        Assert.Empty(Ids(beyond));
        Assert.Equal(3, beyond.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task An_update_changes_only_the_fields_it_names_and_firmware_changes_build_the_history()
    {
        var client = ClientFor(factory, NewUser());
        var id = await RegisterAsync(client, b => b["group_name"] = "wrist");
        var before = await GetJsonAsync(client, $"{DevicesUrl}/{id}");

        var renamed = await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"device_name": "Night watch", "group_name": null, "capabilities": ["sleep"]}"""));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var after = await JsonAsync(renamed);
        Assert.Equal("Night watch", after.GetProperty("device_name").GetString());
        Assert.Equal(JsonValueKind.Null, after.GetProperty("group_name").ValueKind);
        Assert.Equal(["sleep"], after.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
        foreach (var unchanged in new[] { "device_type", "manufacturer", "model", "serial_number", "firmware_version", "integration_type", "sync_settings", "next_sync", "has_credentials", "created_at" })
        {
            Assert.Equal(before.GetProperty(unchanged).ToString(), after.GetProperty(unchanged).ToString());
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"firmware_version": "1.3.0"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"firmware_version": "1.3.0", "model": "Charge 5+"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"firmware_version": "2.0.0"}"""))).StatusCode);

        var firmware = await GetJsonAsync(client, $"{DevicesUrl}/{id}/firmware");
        Assert.Equal("2.0.0", firmware.GetProperty("current_version").GetString());
        var history = firmware.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["1.2.3", "1.3.0", "2.0.0"], history.Select(h => h.GetProperty("firmware_version").GetString()));
        Assert.Equal([null, "1.2.3", "1.3.0"], history.Select(h => h.GetProperty("previous_version").GetString()));
        Assert.Equal("Charge 5+", (await GetJsonAsync(client, $"{DevicesUrl}/{id}")).GetProperty("model").GetString());
    }

    [Fact]
    public async Task Turning_auto_sync_off_clears_the_next_sync_and_on_again_schedules_one_interval_ahead()
    {
        var client = ClientFor(factory, NewUser());
        var id = await RegisterAsync(client);

        var off = await JsonAsync(await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"sync_settings": {"auto_sync": false}}""")));
        Assert.Equal(JsonValueKind.Null, off.GetProperty("next_sync").ValueKind);
        Assert.Equal(15, off.GetProperty("sync_settings").GetProperty("sync_interval_minutes").GetInt32());

        var on = await JsonAsync(await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"sync_settings": {"auto_sync": true, "sync_interval_minutes": 60}}""")));
        Assert.Equal(on.GetProperty("updated_at").GetDateTimeOffset().AddMinutes(60), on.GetProperty("next_sync").GetDateTimeOffset());

        var bluetooth = await RegisterAsync(client, b => b["integration_type"] = "bluetooth");
        Assert.Equal(JsonValueKind.Null, (await GetJsonAsync(client, $"{DevicesUrl}/{bluetooth}")).GetProperty("next_sync").ValueKind);
    }

    [Fact]
    public async Task Unregistering_stops_syncing_wipes_credentials_hides_the_device_from_the_list_and_is_idempotent()
    {
        var client = ClientFor(factory, NewUser());
        var id = await RegisterAsync(client);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.DeleteAsync($"{DevicesUrl}/{id}?purge_data=maybe")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{id}?purge_data=false")).StatusCode);

        var device = await GetJsonAsync(client, $"{DevicesUrl}/{id}");
        Assert.Equal("unregistered", device.GetProperty("status").GetString());
        Assert.False(device.GetProperty("sync_settings").GetProperty("auto_sync").GetBoolean());
        Assert.Equal(JsonValueKind.Null, device.GetProperty("next_sync").ValueKind);
        Assert.False(device.GetProperty("has_credentials").GetBoolean());
        Assert.Equal(1, await CountAsync(Database,
            "SELECT count(*) FROM devices.devices WHERE device_id = @id AND credentials IS NULL AND unregistered_at IS NOT NULL", ("id", id)));
        Assert.DoesNotContain(id.ToString(), await (await client.GetAsync(DevicesUrl)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{DevicesUrl}/{id}?purge_data=false")).StatusCode);
        // No ingestion runs next to this factory: the purge cannot happen now, which is said, and the device stays unregistered.
        var purge = await client.DeleteAsync($"{DevicesUrl}/{id}?purge_data=true");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, purge.StatusCode);
        Assert.Contains("repeat the request", await purge.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsync($"{DevicesUrl}/{id}", Raw("""{"device_name": "back"}"""))).StatusCode);
    }

    [Fact]
    public async Task Unknown_and_malformed_device_ids_are_404_and_requests_without_a_token_are_401()
    {
        var client = ClientFor(factory, NewUser());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{DevicesUrl}/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{DevicesUrl}/not-a-uuid")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsync($"{DevicesUrl}/not-a-uuid", Raw("{}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{DevicesUrl}/{Guid.NewGuid()}")).StatusCode);

        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(DevicesUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(DevicesUrl, Json(Registration()))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{DevicesUrl}/health/summary")).StatusCode);

        // API keys are ingestion's: here one is refused saying what this service takes instead.
        using var withKey = new HttpRequestMessage(HttpMethod.Get, DevicesUrl);
        withKey.Headers.Add("X-API-Key", "vsk_abcdefghijkl_some-secret-value");
        var refused = await anonymous.SendAsync(withKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Authorization: Bearer", await refused.Content.ReadAsStringAsync());
    }
}
