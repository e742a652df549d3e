using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.ServiceDefaults.Messaging;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;

namespace VitaSense.Devices.Tests.Integrations;

/// <summary>
/// <c>/api/v1/integrations</c>: the catalog, the OAuth code exchange (tokens stored encrypted, never returned),
/// the vendor's device list and the idempotent import with its lifecycle event; per-user isolation throughout.
/// </summary>
public sealed class IntegrationsApiTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    [Fact]
    public async Task The_catalog_lists_every_vendor_with_status_auth_type_data_types_and_the_callers_connections()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);

        var before = await GetJsonAsync(client, "/api/v1/integrations");
        await ConnectAsync(client, "oura");
        var after = await GetJsonAsync(client, "/api/v1/integrations");
        var other = await GetJsonAsync(ClientFor(factory, NewUser()), "/api/v1/integrations");

        var entries = after.GetProperty("integrations").EnumerateArray().ToDictionary(e => e.GetProperty("type").GetString()!);
        foreach (var vendor in IntegrationsFactory.VendorNames)
        {
            Assert.Equal("available", entries[vendor].GetProperty("status").GetString());
            Assert.Equal("oauth2", entries[vendor].GetProperty("auth_type").GetString());
            Assert.NotEmpty(entries[vendor].GetProperty("data_types").EnumerateArray());
        }
        Assert.Equal("unavailable", entries["google_fit"].GetProperty("status").GetString());
        Assert.Contains("shut down", entries["google_fit"].GetProperty("note").GetString());
        Assert.Contains("Health Auto Export", entries["apple_healthkit"].GetProperty("note").GetString());
        Assert.Contains(entries["oura"].GetProperty("data_types").EnumerateArray(), t => t.GetString() == "daily_sleep");
        Assert.True(entries["oura"].GetProperty("connected").GetBoolean());
        Assert.False(entries["fitbit"].GetProperty("connected").GetBoolean());
        Assert.DoesNotContain(before.GetProperty("integrations").EnumerateArray(), e => e.GetProperty("connected").GetBoolean());
        Assert.DoesNotContain(other.GetProperty("integrations").EnumerateArray(), e => e.GetProperty("connected").GetBoolean());
    }

    [Fact]
    public async Task Connecting_exchanges_the_code_stores_the_tokens_encrypted_and_never_returns_them()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var fitbit = factory.Vendors["fitbit"];
        fitbit.ClearRequests();

        var response = await client.PostAsJsonAsync("/api/v1/integrations/fitbit/auth", new { code = FakeVendorServer.GoodCode, redirect_uri = RedirectUri });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("fitbit-access", text);
        Assert.DoesNotContain("fitbit-refresh", text);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.True(body.GetProperty("connected").GetBoolean());
        var exchange = Assert.Single(fitbit.RequestsTo(FakeVendorServer.TokenPath));
        Assert.Contains("grant_type=authorization_code", exchange.Form);
        Assert.Contains($"redirect_uri={RedirectUri}", exchange.Form);
        Assert.StartsWith("Basic ", exchange.Authorization);
        var stored = (byte[])(await ScalarAsync(factory.DatabaseConnectionString,
            "SELECT credentials FROM devices.integration_connections WHERE user_id = @user AND vendor = 'fitbit'", ("user", user)))!;
        Assert.DoesNotContain("fitbit-access", Encoding.Latin1.GetString(stored));
        Assert.Equal("FB123", await ScalarAsync(factory.DatabaseConnectionString,
            "SELECT vendor_user_id FROM devices.integration_connections WHERE user_id = @user AND vendor = 'fitbit'", ("user", user)));
    }

    [Fact]
    public async Task Bad_auth_requests_get_problem_details_naming_the_field_or_vendor()
    {
        var client = ClientFor(factory, NewUser());

        var unknown = await client.PostAsJsonAsync("/api/v1/integrations/myspace/auth", new { code = "x", redirect_uri = RedirectUri });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        var fit = await client.PostAsJsonAsync("/api/v1/integrations/google_fit/auth", new { code = "x", redirect_uri = RedirectUri });
        Assert.Equal(HttpStatusCode.Conflict, fit.StatusCode);
        Assert.Contains("shut down", await fit.Content.ReadAsStringAsync());

        var noCode = await client.PostAsJsonAsync("/api/v1/integrations/oura/auth", new { redirect_uri = RedirectUri });
        Assert.Equal(HttpStatusCode.BadRequest, noCode.StatusCode);
        Assert.True((await JsonAsync(noCode)).GetProperty("errors").TryGetProperty("code", out _));

        var badRedirect = await client.PostAsJsonAsync("/api/v1/integrations/oura/auth", new { code = "x", redirect_uri = "not a uri" });
        Assert.Equal(HttpStatusCode.BadRequest, badRedirect.StatusCode);
        Assert.True((await JsonAsync(badRedirect)).GetProperty("errors").TryGetProperty("redirect_uri", out _));

        var notJson = await client.PostAsync("/api/v1/integrations/oura/auth", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        var refused = await client.PostAsJsonAsync("/api/v1/integrations/oura/auth", new { code = "expired-code", redirect_uri = RedirectUri });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await JsonAsync(refused);
        Assert.Equal("Oura", problem.GetProperty("vendor").GetString());
        Assert.Contains("invalid_grant", problem.GetProperty("detail").GetString());

        var withings = await client.PostAsJsonAsync("/api/v1/integrations/withings/auth", new { code = "expired-code", redirect_uri = RedirectUri });
        Assert.Equal(HttpStatusCode.BadRequest, withings.StatusCode);
        Assert.Equal("Withings", (await JsonAsync(withings)).GetProperty("vendor").GetString());

        factory.Vendors["dexcom"].Inject(FakeVendorServer.TokenPath, 503, """{"error": "unavailable"}""");
        var down = await client.PostAsJsonAsync("/api/v1/integrations/dexcom/auth", new { code = FakeVendorServer.GoodCode, redirect_uri = RedirectUri });
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        Assert.Equal("Dexcom", (await JsonAsync(down)).GetProperty("vendor").GetString());
    }

    [Fact]
    public async Task Vendor_devices_are_listed_only_for_a_connected_caller()
    {
        var owner = ClientFor(factory, NewUser());
        var stranger = ClientFor(factory, NewUser());

        var notConnected = await owner.GetAsync("/api/v1/integrations/withings/devices");
        Assert.Equal(HttpStatusCode.Conflict, notConnected.StatusCode);

        await ConnectAsync(owner, "withings");
        var devices = await GetJsonAsync(owner, "/api/v1/integrations/withings/devices");
        Assert.Equal(3, devices.GetProperty("count").GetInt32());
        var scale = devices.GetProperty("devices").EnumerateArray().Single(d => d.GetProperty("vendor_device_id").GetString() == "scale-1");
        Assert.Equal(("scale-1", "smart_scale", "Withings"), (scale.GetProperty("vendor_device_id").GetString(), scale.GetProperty("device_type").GetString(),
            scale.GetProperty("manufacturer").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await stranger.GetAsync("/api/v1/integrations/withings/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/api/v1/integrations/nope/devices")).StatusCode);
    }

    [Fact]
    public async Task Importing_twice_adds_nothing_and_each_new_device_gets_one_registered_event()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        await ConnectAsync(client, "fitbit");
        using var consumer = ConsumerAtEnd(factory, Topics.DeviceLifecycle);

        var first = await JsonAsync(await client.PostAsync("/api/v1/integrations/fitbit/import", null));
        var second = await JsonAsync(await client.PostAsync("/api/v1/integrations/fitbit/import", null));

        Assert.Equal((1, 0), (first.GetProperty("imported").GetInt32(), first.GetProperty("already_imported").GetInt32()));
        Assert.Equal((0, 1), (second.GetProperty("imported").GetInt32(), second.GetProperty("already_imported").GetInt32()));
        var deviceId = first.GetProperty("devices")[0].GetProperty("device_id").GetGuid();
        Assert.Equal(deviceId, second.GetProperty("devices")[0].GetProperty("device_id").GetGuid());
        Assert.Equal(1, await CountAsync(factory.DatabaseConnectionString, """
            SELECT count(*) FROM devices.devices WHERE user_id = @user AND vendor = 'fitbit' AND vendor_device_id = '2570612980' AND integration_type = 'api'
            """, ("user", user)));

        // The registry shows it to its owner only.
        var mine = await GetJsonAsync(client, $"/api/v1/devices/{deviceId}");
        Assert.Equal("Fitbit Charge 5", mine.GetProperty("device_name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await ClientFor(factory, NewUser()).GetAsync($"/api/v1/devices/{deviceId}")).StatusCode);

        // Exactly one lifecycle event reached Kafka through the outbox.
        var events = new List<DeviceLifecycleChanged>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline && (events.Count == 0 || DateTime.UtcNow < deadline - TimeSpan.FromSeconds(27)))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { } message && message.Message.Key == deviceId.ToString())
            {
                events.Add(CloudEventSerializer.Deserialize<DeviceLifecycleChanged>(message.Message.Value).Data);
            }
        }
        var registered = Assert.Single(events);
        Assert.Equal(("registered", user), (registered.Change, registered.UserId));
    }

    [Fact]
    public async Task Import_of_named_devices_checks_them_and_needs_a_connection()
    {
        var client = ClientFor(factory, NewUser());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/api/v1/integrations/dexcom/import", null)).StatusCode);
        await ConnectAsync(client, "dexcom");

        var unknown = await client.PostAsJsonAsync("/api/v1/integrations/dexcom/import", new { vendor_device_ids = new[] { "nope" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await JsonAsync(unknown)).GetProperty("errors").TryGetProperty("vendor_device_ids", out _));
        var wrongType = await client.PostAsJsonAsync("/api/v1/integrations/dexcom/import", new { vendor_device_ids = "TX1" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);

        var named = await client.PostAsJsonAsync("/api/v1/integrations/dexcom/import", new { vendor_device_ids = new[] { "TX1" } });
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(1, (await JsonAsync(named)).GetProperty("imported").GetInt32());
    }

    [Fact]
    public async Task Disconnecting_deletes_only_the_callers_tokens_and_keeps_the_imported_devices()
    {
        var user = NewUser();
        var client = ClientFor(factory, user);
        var other = NewUser();
        await ConnectAsync(ClientFor(factory, other), "oura");
        await ConnectAsync(client, "oura");
        var devices = await ImportAsync(client, "oura");

        var response = await client.DeleteAsync("/api/v1/integrations/oura");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var entries = (await GetJsonAsync(client, "/api/v1/integrations")).GetProperty("integrations").EnumerateArray();
        Assert.False(entries.Single(e => e.GetProperty("type").GetString() == "oura").GetProperty("connected").GetBoolean());
        Assert.Equal(0, await CountAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM devices.integration_connections WHERE user_id = @user", ("user", user)));
        Assert.Equal(1, await CountAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM devices.integration_connections WHERE user_id = @user AND vendor = 'oura'", ("user", other)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{DevicesUrl}/{devices[0]}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.GetAsync("/api/v1/integrations/oura/devices")).StatusCode);

        var again = await client.DeleteAsync("/api/v1/integrations/oura");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("not connected", (await again.Content.ReadAsStringAsync()).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync("/api/v1/integrations/myspace")).StatusCode);
    }

    [Fact]
    public async Task Every_integrations_endpoint_requires_a_user()
    {
        var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/integrations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/integrations/oura/auth", new { code = "x", redirect_uri = RedirectUri })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/integrations/oura/devices")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/integrations/oura/import", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync("/api/v1/integrations/oura")).StatusCode);
    }
}
