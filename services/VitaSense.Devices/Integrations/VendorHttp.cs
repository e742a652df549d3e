namespace VitaSense.Devices.Integrations;

/// <summary>
/// The HTTP client of vendor calls. Deliberately not from IHttpClientFactory: the service defaults add a standard
/// resilience handler to factory clients, and vendor calls need their own policy (refresh on 401, Retry-After,
/// rate-limit headers) without a second retry layer multiplying attempts against a vendor's quota.
/// </summary>
public sealed class VendorHttp : IDisposable
{
    /// <summary>The shared client; per-call timeouts come from the caller's cancellation.</summary>
    public HttpClient Client { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <inheritdoc />
    public void Dispose() => Client.Dispose();
}
