using System.Text.Json;

namespace VitaSense.Devices.Integrations;

/// <summary>Defaults shared by the OAuth 2.0 connectors: standard token answers, standard HTTP statuses.</summary>
public abstract class VendorConnector : IVendorConnector
{
    /// <inheritdoc />
    public abstract string Type { get; }

    /// <inheritdoc />
    public abstract string DisplayName { get; }

    /// <inheritdoc />
    public abstract IReadOnlyList<string> DataTypes { get; }

    /// <inheritdoc />
    public virtual bool Pulls => true;

    /// <inheritdoc />
    public virtual TokenRequestStyle TokenStyle => TokenRequestStyle.FormParameters;

    /// <inheritdoc />
    public virtual (string Remaining, string Reset)? RateLimitHeaders => null;

    /// <inheritdoc />
    public virtual void AddTokenParameters(IDictionary<string, string> form)
    {
    }

    /// <inheritdoc />
    public virtual JsonElement ReadTokenResponse(JsonElement root) => root;

    /// <inheritdoc />
    public virtual int? BodyStatus(JsonElement root) => null;

    /// <inheritdoc />
    public virtual Task<string?> ResolveVendorUserIdAsync(VendorSession session, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <inheritdoc />
    public abstract Task<FetchResult> FetchAsync(VendorSession session, FetchRequest request, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract Task<IReadOnlyList<VendorDevice>> ListDevicesAsync(VendorSession session, CancellationToken cancellationToken);

    /// <summary>A payload error of this vendor.</summary>
    protected VendorException Payload(string path, string problem) => VendorException.Payload(DisplayName, path, problem);

    /// <summary>Reads payloads of this vendor, failing with the path of whatever is missing or malformed.</summary>
    protected VendorJson Json => new(DisplayName);
}
