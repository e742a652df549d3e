namespace VitaSense.Ingestion.Tests.DeviceData;

/// <summary>
/// The ingestion service as configured by default, except that its device-owner consumer has a Kafka group of its
/// own. Every factory of the test process has its own database but shares the Kafka cluster: in the shared
/// "ingestion" group the lifecycle partitions would be split among all live factories, and an event published here
/// could be applied to another factory's database.
/// </summary>
public class DeviceDataFactory : IngestionServiceFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["DeviceData:OwnerConsumerGroup"] = TestData.NewId("ingestion-owners");
    }
}

/// <summary>The device data endpoints with a rate limit small enough to reach in a test.</summary>
public sealed class TinyDeviceDataLimitFactory : DeviceDataFactory
{
    public const int RequestsPerMinute = 4;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["DeviceData:RequestsPerMinute"] = RequestsPerMinute.ToString();
    }
}
