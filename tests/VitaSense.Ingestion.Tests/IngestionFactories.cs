extern alias ingestion;
using VitaSense.TestSupport;
using IngestionProgram = ingestion::Program;

namespace VitaSense.Ingestion.Tests;

/// <summary>
/// The ingestion service for tests: as configured by default, except that observation tables get partitions for
/// two past months rather than 24, which would cost every test class a few seconds.
/// </summary>
public abstract class IngestionServiceFactory : ServiceFactory<IngestionProgram>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Sync:PartitionMonthsBehind"] = "2";
}

/// <summary>The ingestion service as configured by default: authentication required.</summary>
public sealed class IngestionFactory : IngestionServiceFactory;

/// <summary>The ingestion service with the specification's ENABLE_AUTH=false.</summary>
public sealed class AnonymousIngestionFactory : IngestionServiceFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["ENABLE_AUTH"] = "false";
    }
}

/// <summary>The ingestion service with a rate limit small enough to reach in a test.</summary>
public sealed class TinyRateLimitFactory : IngestionServiceFactory
{
    public const int PermitLimit = 3;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["RateLimiting:Status:PermitLimit"] = PermitLimit.ToString();
        settings["RateLimiting:Status:WindowSeconds"] = "120";
    }
}

/// <summary>The ingestion service with sync limits small enough to reach in a test.</summary>
public sealed class TinySyncLimitsFactory : IngestionServiceFactory
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int BytesPerHour = 10 * 1024;
    public const int RequestsPerHour = 5;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Sync:MaxRequestBodyBytes"] = MaxBodyBytes.ToString();
        settings["Sync:BytesPerHour"] = BytesPerHour.ToString();
        settings["Sync:RequestsPerHour"] = RequestsPerHour.ToString();
    }
}
