using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using VitaSense.Devices.Tests.Integrations;
using VitaSense.ServiceDefaults.Authentication;
using static VitaSense.Devices.Tests.DeviceTestData;
using static VitaSense.Devices.Tests.Integrations.IntegrationFlow;
using static VitaSense.Devices.Tests.Integrations.VendorPayloads;

namespace VitaSense.Devices.Tests.Sync;

/// <summary>
/// The devices service with the real ingestion service (a child process) as <c>services:ingestion:http:0</c>: both
/// share one signing key, as a deployment's services do, and one database (each its own schema) and Kafka.
/// </summary>
public sealed class RealIngestionFactory : IntegrationsFactory
{
    private readonly byte[] signingKey = RandomNumberGenerator.GetBytes(32);

    public ServiceProcess? RealIngestion { get; private set; }

    public string Token(string userId) => DevelopmentTokens.Mint(JwtSettings.Development(signingKey), userId, TimeSpan.FromHours(1));

    public HttpClient Client(string userId, Uri? baseAddress = null)
    {
        var client = baseAddress is null ? CreateClient() : new HttpClient { BaseAddress = baseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(userId));
        return client;
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        var key = Convert.ToBase64String(signingKey);
        RealIngestion ??= ServiceProcess.Ingestion(new Dictionary<string, string>
        {
            ["ConnectionStrings__vitasense"] = DatabaseConnectionString,
            ["ConnectionStrings__cache"] = Infrastructure.RedisConnectionString,
            ["ConnectionStrings__messaging"] = Infrastructure.KafkaBootstrapServers,
            ["Authentication__Jwt__SigningKey"] = key,
            ["Authentication__Jwt__Issuer"] = JwtSettings.DevelopmentIssuer,
            ["Authentication__Jwt__Audience"] = JwtSettings.DefaultAudience,
            ["DeviceData__OwnerConsumerGroup"] = $"ingestion-devices-tests-{Guid.NewGuid():N}",
            ["DeviceData__OwnerCacheSeconds"] = "0",
        });
        settings["Authentication:Jwt:SigningKey"] = key;
        settings["services:ingestion:http:0"] = RealIngestion.BaseUrl.ToString();
        // Ingestion learns the device from Kafka within seconds: the retries must outlast that.
        settings["Integrations:SyncRetryBaseDelaySeconds"] = "1";
        settings["Integrations:MaxSyncRetries"] = "5";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (RealIngestion is not null)
        {
            await RealIngestion.DisposeAsync();
        }
    }
}

/// <summary>Fake vendor → devices sync → the real ingestion endpoint: readings stored in canonical units, a repeated sync adds nothing.</summary>
public sealed class RealIngestionTests(RealIngestionFactory factory) : IClassFixture<RealIngestionFactory>
{
    [Fact]
    public async Task Synced_readings_enter_ingestion_once_and_a_repeated_sync_adds_nothing()
    {
        var user = NewUser();
        var client = factory.Client(user);
        var device = await ConnectedDeviceAsync(client, "oura");
        await factory.RealIngestion!.WaitUntilAliveAsync(TimeSpan.FromSeconds(60));

        var first = await SyncAsync(client, device);

        Assert.True(first.GetProperty("status").GetString() == "completed", $"{first}\n{factory.RealIngestion.OutputTail}");
        var details = first.GetProperty("error_details");
        Assert.Equal(first.GetProperty("records_processed").GetInt32(), details.GetProperty("accepted").GetInt32());
        var ingestion = factory.Client(user, factory.RealIngestion.BaseUrl);
        var heartRate = await GetJsonAsync(ingestion, $"/api/v1/devices/{device}/data?data_type=heart_rate");
        Assert.Equal(3, heartRate.GetProperty("count").GetInt32());
        var values = heartRate.GetProperty("data").EnumerateArray().Select(d => (d.GetProperty("value").GetDouble(), d.GetProperty("unit").GetString())).ToHashSet();
        Assert.Equal([(55.0, "count/min"), (57.0, "count/min"), (60.0, "count/min")], values.OrderBy(v => v.Item1));
        var sleep = await GetJsonAsync(ingestion, $"/api/v1/devices/{device}/data?data_type=sleep_analysis");
        Assert.Equal(7.0, Assert.Single(sleep.GetProperty("data").EnumerateArray()).GetProperty("value").GetDouble());

        // Forget the cursors: everything is fetched again, and ingestion recognises all of it.
        await ScalarAsync(factory.DatabaseConnectionString, "DELETE FROM devices.sync_cursors WHERE device_id = @device", ("device", device));
        var again = await SyncAsync(client, device);

        AssertCompleted(again);
        Assert.Equal(first.GetProperty("records_processed").GetInt32(), again.GetProperty("records_processed").GetInt32());
        Assert.Equal(0, again.GetProperty("error_details").GetProperty("accepted").GetInt32());
        Assert.Equal(again.GetProperty("records_processed").GetInt32(), again.GetProperty("error_details").GetProperty("duplicates").GetInt32());
        Assert.Equal(3, (await GetJsonAsync(ingestion, $"/api/v1/devices/{device}/data?data_type=heart_rate")).GetProperty("count").GetInt32());

        // Another user cannot read the synced data.
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Client(NewUser(), factory.RealIngestion.BaseUrl).GetAsync($"/api/v1/devices/{device}/data")).StatusCode);

        // Unregistering with purge_data=true deletes the readings in ingestion, with the owner's own credentials.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/devices/{device}?purge_data=true")).StatusCode);
        // Ingestion runs on this factory's database.
        Assert.Equal(0L, await ScalarAsync(factory.DatabaseConnectionString,
            "SELECT count(*) FROM ingestion.observations WHERE device_id = @device", ("device", device.ToString())));
    }
}
