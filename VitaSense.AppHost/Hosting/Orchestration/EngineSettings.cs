using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace VitaSense.Hosting;

/// <summary>How the engine behaves, from <c>AppHost:*</c> configuration.</summary>
internal sealed record EngineSettings
{
    public required bool IsTesting { get; init; }

    /// <summary>Stream children's output to the console (run mode; tests keep it in the log buffers).</summary>
    public required bool EchoToConsole { get; init; }

    /// <summary>How long a project may take to answer /health with 200.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Between SIGTERM and SIGKILL when stopping a project.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>OTLP endpoint handed to projects, when the AppHost has one.</summary>
    public string? OtlpEndpoint { get; init; }

    public static EngineSettings From(IConfiguration configuration, bool isTesting) => new()
    {
        IsTesting = isTesting,
        EchoToConsole = bool.TryParse(configuration["AppHost:EchoToConsole"], out var echo) ? echo : !isTesting,
        HealthTimeout = Seconds(configuration["AppHost:HealthTimeoutSeconds"]) ?? TimeSpan.FromSeconds(90),
        StopGracePeriod = Seconds(configuration["AppHost:StopGracePeriodSeconds"]) ?? TimeSpan.FromSeconds(isTesting ? 5 : 10),
        OtlpEndpoint = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } otlp ? otlp : null,
    };

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
}
