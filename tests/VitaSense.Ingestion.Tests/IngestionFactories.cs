extern alias ingestion;
using VitaSense.TestSupport;
using IngestionProgram = ingestion::Program;

namespace VitaSense.Ingestion.Tests;

/// <summary>The ingestion service as configured by default: authentication required.</summary>
public sealed class IngestionFactory : ServiceFactory<IngestionProgram>;

/// <summary>The ingestion service with the specification's ENABLE_AUTH=false.</summary>
public sealed class AnonymousIngestionFactory : ServiceFactory<IngestionProgram>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["ENABLE_AUTH"] = "false";
}

/// <summary>The ingestion service with a rate limit small enough to reach in a test.</summary>
public sealed class TinyRateLimitFactory : ServiceFactory<IngestionProgram>
{
    public const int PermitLimit = 3;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["RateLimiting:Status:PermitLimit"] = PermitLimit.ToString();
        settings["RateLimiting:Status:WindowSeconds"] = "120";
    }
}
