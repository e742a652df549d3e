namespace VitaSense.Devices.Integrations;

/// <summary>
/// Every integration VitaSense lists: the connectors, plus sources that are not connectors — Google Fit (its REST
/// API is shut down; Android data comes through the Google Health API) and Apple HealthKit (no cloud API: the
/// Health Auto Export app posts to ingestion's <c>/api/v1/sync</c>).
/// </summary>
public sealed class ConnectorCatalog(IEnumerable<IVendorConnector> connectors, IConfiguration configuration)
{
    private readonly Dictionary<string, IVendorConnector> byType = connectors.ToDictionary(c => c.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Integration statuses.</summary>
    public const string Available = "available";

    /// <summary>An integration that cannot be connected.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The connector of <paramref name="type"/>, or null.</summary>
    public IVendorConnector? Find(string type) => byType.GetValueOrDefault(type);

    /// <summary>Whether <paramref name="type"/> is listed at all (a connector or a non-connector entry).</summary>
    public bool IsKnown(string type) => byType.ContainsKey(type) || type is "google_fit" or "apple_healthkit";

    /// <summary>
    /// The connector's endpoint, or null when this deployment cannot use the vendor (then it is listed unavailable):
    /// its base URL, token URL and client id must be configured.
    /// </summary>
    public VendorEndpoint? Endpoint(IVendorConnector connector) =>
        VendorEndpoint.From(configuration, connector.Type) is { TokenUrl: not null, ClientId.Length: > 0 } endpoint ? endpoint : null;

    /// <summary>Every integration, with whether <paramref name="connected"/> holds it.</summary>
    public IReadOnlyList<IntegrationDescriptor> Describe(IReadOnlySet<string> connected)
    {
        var list = byType.Values
            .OrderBy(c => c.Type, StringComparer.Ordinal)
            .Select(c => new IntegrationDescriptor(c.Type, c.DisplayName, Endpoint(c) is null ? Unavailable : Available, "oauth2", c.DataTypes,
                connected.Contains(c.Type), c.Pulls ? null : "push: the vendor posts data to /api/v1/integrations/garmin/webhook"))
            .ToList();
        list.Add(new IntegrationDescriptor("google_fit", "Google Fit", Unavailable, "oauth2", [], false,
            "The Google Fit REST API is shut down; connect google_health (Google Health API) for Android data."));
        list.Add(new IntegrationDescriptor("apple_healthkit", "Apple HealthKit", Available, "api_key", ["all Health Auto Export metrics"], false,
            "No cloud API: the Health Auto Export app posts to /api/v1/sync with an API key (ingestion)."));
        return list;
    }
}
