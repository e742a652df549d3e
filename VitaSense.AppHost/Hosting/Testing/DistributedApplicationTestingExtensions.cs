using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Hosting.Testing;

/// <summary>What a test needs from a running app: endpoints, HTTP clients, connection strings, tokens.</summary>
public static class DistributedApplicationTestingExtensions
{
    /// <summary>An HttpClient whose base address is the project's (first replica's) URL.</summary>
    public static HttpClient CreateHttpClient(this DistributedApplication app, string resourceName) =>
        new() { BaseAddress = app.GetEndpoint(resourceName) };

    /// <summary>The project's (first replica's) URL.</summary>
    public static Uri GetEndpoint(this DistributedApplication app, string resourceName) => app.GetEndpoint(resourceName);

    /// <summary>The resource's connection string once it is known (the server is up); null for a server not started.</summary>
    public static Task<string?> GetConnectionStringAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken = default) =>
        app.GetConnectionStringAsync(resourceName, cancellationToken);

    /// <summary>A JWT for <paramref name="userId"/> that the app's projects accept.</summary>
    public static string MintToken(this DistributedApplication app, string userId, TimeSpan? lifetime = null)
    {
        var key = app.JwtSigningKey ?? throw new InvalidOperationException("Start the application first.");
        var settings = JwtSettings.Development(Convert.FromBase64String(key));
        return DevelopmentTokens.Mint(settings, userId, lifetime ?? TimeSpan.FromHours(1));
    }

    /// <summary>
    /// Stops (<paramref name="available"/> false) or restarts the broker of a Kafka resource the engine hosts, on the
    /// same address: for tests of what producers and consumers do while Kafka is down.
    /// </summary>
    public static void SetKafkaAvailable(this DistributedApplication app, string resourceName, bool available) =>
        app.SetKafkaAvailable(resourceName, available);

    /// <summary>Ids of the processes the engine started for the resource (for orphan checks).</summary>
    public static IReadOnlyList<int> GetProcessIds(this DistributedApplication app, string resourceName) =>
        app.ResourceNotifications.GetCurrentState(resourceName)?.ProcessIds ?? [];
}
