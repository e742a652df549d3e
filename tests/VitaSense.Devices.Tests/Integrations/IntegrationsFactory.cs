namespace VitaSense.Devices.Tests.Integrations;

/// <summary>
/// The devices service wired to a fake server per vendor (real HTTP on free ports) and a fake ingestion endpoint
/// reached through service discovery (<c>services:ingestion:http:0</c>). The scheduler does not claim devices
/// (tests start syncs themselves) and retries are quick.
/// </summary>
public class IntegrationsFactory : DevicesFactory
{
    public const string GarminWebhookToken = "garmin-webhook-token-for-tests";

    public static readonly string[] VendorNames = ["fitbit", "oura", "withings", "dexcom", "whoop", "garmin", "google_health"];

    private readonly IntegrationsFactory? sharing;

    // Replicas of one deployment share the credential key (each test factory has a JWT key of its own, from which the key would otherwise derive).
    private readonly string credentialKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public IntegrationsFactory()
    {
        foreach (var vendor in VendorNames)
        {
            Vendors[vendor] = FakeVendorServer.Start(vendor);
        }
        Vendors["withings"].WithingsStyle = true;
        Ingestion = FakeIngestion.Start();
        VendorPayloads.RegisterAll(this);
    }

    /// <summary>A second replica of <paramref name="replicaOf"/>'s service: same database, same fake vendors and ingestion.</summary>
    public static IntegrationsFactory ReplicaOf(IntegrationsFactory replicaOf, bool scheduling, double schedulerIntervalSeconds, int schedulerBatchSize = 20) =>
        new(replicaOf) { Scheduling = scheduling, SchedulerIntervalSeconds = schedulerIntervalSeconds, SchedulerBatchSize = schedulerBatchSize };

    private IntegrationsFactory(IntegrationsFactory replicaOf)
    {
        sharing = replicaOf;
        Vendors = replicaOf.Vendors;
        Ingestion = replicaOf.Ingestion;
    }

    public Dictionary<string, FakeVendorServer> Vendors { get; } = [];

    public FakeIngestion Ingestion { get; }

    /// <summary>Whether the scheduler claims due devices.</summary>
    public bool Scheduling { get; init; }

    /// <summary>Seconds between scheduler rounds.</summary>
    public double SchedulerIntervalSeconds { get; init; } = 0.5;

    /// <summary>Devices one scheduler round claims.</summary>
    public int SchedulerBatchSize { get; init; } = 20;

    public const string OuraWebhookToken = "oura-verification-token-for-tests";

    /// <summary>The Oura user id the fake Oura reports for the next connection.</summary>
    public string OuraUserId { get; set; } = "oura-user";

    /// <summary>The Garmin user id the fake Garmin reports for the next connection.</summary>
    public string GarminUserId { get; set; } = "garmin-user";

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        foreach (var (vendor, server) in Vendors)
        {
            settings[$"Integrations:{vendor}:BaseUrl"] = server.BaseUrl.ToString();
            settings[$"Integrations:{vendor}:TokenUrl"] = new Uri(server.BaseUrl, FakeVendorServer.TokenPath.TrimStart('/')).ToString();
            settings[$"Integrations:{vendor}:ClientId"] = $"client-{vendor}";
            settings[$"Integrations:{vendor}:ClientSecret"] = $"secret-{vendor}";
        }
        settings["Integrations:garmin:WebhookToken"] = GarminWebhookToken;
        settings["Integrations:oura:WebhookToken"] = OuraWebhookToken;
        settings["services:ingestion:http:0"] = Ingestion.BaseUrl.ToString();
        settings["Integrations:SchedulerEnabled"] = Scheduling ? "true" : "false";
        settings["Integrations:SchedulerIntervalSeconds"] = SchedulerIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Integrations:SchedulerBatchSize"] = SchedulerBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Devices:CredentialKey"] = sharing?.credentialKey ?? credentialKey;
        if (sharing is not null)
        {
            settings["ConnectionStrings:vitasense"] = sharing.DatabaseConnectionString;
        }
        settings["Integrations:SyncRetryBaseDelaySeconds"] = "0.05";
        settings["Integrations:VendorRetryBaseDelayMilliseconds"] = "20";
        settings["Integrations:HeartbeatSeconds"] = "1";
        settings["Integrations:StaleAfterSeconds"] = "30";
        settings["Integrations:MaxRetryAfterSeconds"] = "5";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (sharing is not null)
        {
            GC.SuppressFinalize(this);
            return;
        }
        foreach (var server in Vendors.Values)
        {
            await server.DisposeAsync();
        }
        await Ingestion.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
