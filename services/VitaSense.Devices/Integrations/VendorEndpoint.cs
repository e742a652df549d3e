namespace VitaSense.Devices.Integrations;

/// <summary>
/// Where and as whom to call one vendor: configuration <c>Integrations:{vendor}:BaseUrl</c>, <c>TokenUrl</c>,
/// <c>AuthorizeUrl</c>, <c>ClientId</c>, <c>ClientSecret</c> (a secret: from the environment or a secret store, never
/// from appsettings.json) and, for push vendors, <c>WebhookToken</c>.
/// </summary>
public sealed record VendorEndpoint(Uri BaseUrl, Uri? TokenUrl, string? AuthorizeUrl, string? ClientId, string? ClientSecret, string? WebhookToken)
{
    /// <summary>Reads the vendor's section; null when it has no base URL.</summary>
    public static VendorEndpoint? From(IConfiguration configuration, string vendor)
    {
        var section = configuration.GetSection($"{IntegrationOptions.SectionName}:{vendor}");
        if (!Uri.TryCreate(section["BaseUrl"], UriKind.Absolute, out var baseUrl))
        {
            return null;
        }
        return new VendorEndpoint(
            baseUrl,
            Uri.TryCreate(section["TokenUrl"], UriKind.Absolute, out var tokenUrl) ? tokenUrl : null,
            section["AuthorizeUrl"],
            section["ClientId"],
            section["ClientSecret"],
            section["WebhookToken"]);
    }

    /// <summary>A path (with query) below <see cref="BaseUrl"/>, whatever trailing slash the configuration has.</summary>
    public Uri Url(string pathAndQuery) => new($"{BaseUrl.AbsoluteUri.TrimEnd('/')}/{pathAndQuery.TrimStart('/')}");

    /// <summary>Never the secrets.</summary>
    public override string ToString() => $"VendorEndpoint {{ BaseUrl = {BaseUrl}, TokenUrl = {TokenUrl}, ClientId = {ClientId} }}";
}
