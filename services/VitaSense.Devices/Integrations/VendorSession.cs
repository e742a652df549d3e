using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VitaSense.Devices.Model;

namespace VitaSense.Devices.Integrations;

/// <summary>
/// The call pipeline of one connector on behalf of one set of credentials: adds <c>Authorization: Bearer</c>;
/// refreshes the token before it expires and once after a 401, then repeats the call (the refreshed tokens are
/// stored encrypted by the <see cref="ICredentialRefresher"/>); waits out a 429's <c>Retry-After</c> (and the
/// vendor's rate-limit reset headers) when short enough; retries 5xx and network errors with exponential backoff.
/// Tokens never appear in exceptions or logs.
/// </summary>
public sealed class VendorSession
{
    private readonly IVendorConnector connector;
    private readonly OAuthTokenClient tokens;
    private readonly ICredentialRefresher refresher;
    private readonly HttpClient http;
    private readonly IntegrationOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private DateTimeOffset? blockedUntil;

    /// <summary>Creates a session.</summary>
    public VendorSession(IVendorConnector connector, VendorEndpoint endpoint, VendorCredentials credentials, ICredentialRefresher refresher,
        OAuthTokenClient tokens, VendorHttp http, IOptions<IntegrationOptions> options, TimeProvider time, ILogger logger)
    {
        this.connector = connector;
        Endpoint = endpoint;
        Credentials = credentials;
        this.refresher = refresher;
        this.tokens = tokens;
        this.http = http.Client;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The vendor's endpoints.</summary>
    public VendorEndpoint Endpoint { get; }

    /// <summary>The current credentials (replaced after a refresh).</summary>
    public VendorCredentials Credentials { get; private set; }

    /// <summary>Vendor calls made, retries included (for tests and metrics).</summary>
    public int Calls { get; private set; }

    /// <summary>GET <paramref name="pathAndQuery"/> below the base URL; the parsed JSON answer.</summary>
    public Task<JsonDocument> GetJsonAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Get, Endpoint.Url(pathAndQuery)), cancellationToken);

    /// <summary>POST a form to <paramref name="path"/> below the base URL (Withings' style); the parsed JSON answer.</summary>
    public Task<JsonDocument> PostFormAsync(string path, IReadOnlyDictionary<string, string> form, CancellationToken cancellationToken) =>
        SendJsonAsync(() => new HttpRequestMessage(HttpMethod.Post, Endpoint.Url(path)) { Content = new FormUrlEncodedContent(form) }, cancellationToken);

    /// <summary>Sends what <paramref name="build"/> makes (called again for each attempt) through the pipeline.</summary>
    public async Task<JsonDocument> SendJsonAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        var vendor = connector.DisplayName;
        var refreshedAfter401 = false;
        var refreshedBeforeExpiry = false;
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            await WaitForRateLimitResetAsync(cancellationToken);
            if (!refreshedBeforeExpiry && Credentials.ExpiresAt is { } expiresAt && Credentials.RefreshToken is not null
                && expiresAt - time.GetUtcNow() < TimeSpan.FromSeconds(options.RefreshBeforeExpirySeconds))
            {
                refreshedBeforeExpiry = true;
                await RefreshAsync(cancellationToken);
            }

            using var request = build();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Credentials.AccessToken);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            Calls++;
            HttpResponseMessage response;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.VendorCallTimeoutSeconds));
                response = await http.SendAsync(request, timeout.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await BackoffOrThrowAsync(++failures, null, $"{vendor} could not be reached ({ex.GetType().Name})", cancellationToken);
                continue;
            }

            using (response)
            {
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                ObserveRateLimitHeaders(response);
                JsonDocument? document = null;
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    try
                    {
                        document = JsonDocument.Parse(body);
                    }
                    catch (JsonException ex)
                    {
                        throw VendorException.Payload(vendor, "$", $"the answer is not JSON ({ex.Message})");
                    }
                    status = connector.BodyStatus(document.RootElement) ?? status;
                    if (status is >= 200 and < 300)
                    {
                        return document;
                    }
                    document.Dispose();
                }

                switch (status)
                {
                    case 401 when !refreshedAfter401 && Credentials.RefreshToken is not null:
                        refreshedAfter401 = true;
                        logger.LogInformation("{Vendor} answered 401; refreshing the access token once", vendor);
                        await RefreshAsync(cancellationToken);
                        continue;
                    case 401 or 403:
                        throw new VendorException(vendor, VendorErrorKind.Unauthorized, $"{vendor} refused the stored authorization ({status}): connect again.", status);
                    case 429:
                        var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(Math.Pow(2, rateLimited));
                        if (++rateLimited > options.VendorMaxRetries || wait > TimeSpan.FromSeconds(options.MaxRetryAfterSeconds))
                        {
                            throw new VendorException(vendor, VendorErrorKind.RateLimited, $"{vendor} rate limit reached; retry after {wait.TotalSeconds:0} s.", status, wait);
                        }
                        logger.LogInformation("{Vendor} answered 429; waiting {Seconds} s as asked", vendor, wait.TotalSeconds);
                        await Task.Delay(wait, time, cancellationToken);
                        continue;
                    case >= 500:
                        await BackoffOrThrowAsync(++failures, status, $"{vendor} answered {status}", cancellationToken);
                        continue;
                    default:
                        throw new VendorException(vendor, VendorErrorKind.Refused, $"{vendor} refused the request ({status}): {Snippet(body)}", status);
                }
            }
        }
    }

    private async Task BackoffOrThrowAsync(int failures, int? status, string what, CancellationToken cancellationToken)
    {
        if (failures > options.VendorMaxRetries)
        {
            throw new VendorException(connector.DisplayName, VendorErrorKind.Unavailable, $"{what} after {failures} attempts.", status);
        }
        var delay = TimeSpan.FromMilliseconds(options.VendorRetryBaseDelayMilliseconds * Math.Pow(2, failures - 1));
        logger.LogInformation("{What}; retrying in {Delay} ms (attempt {Attempt})", what, delay.TotalMilliseconds, failures + 1);
        await Task.Delay(delay, time, cancellationToken);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        Credentials = await refresher.RefreshAsync(Credentials,
            (current, token) => tokens.RefreshAsync(connector, Endpoint, current, token), cancellationToken);
    }

    // Fitbit says how many calls are left in the hour and when it resets: at zero, the next call waits for the reset.
    private void ObserveRateLimitHeaders(HttpResponseMessage response)
    {
        if (connector.RateLimitHeaders is not { } names
            || !TryHeaderNumber(response, names.Remaining, out var remaining) || remaining > 0
            || !TryHeaderNumber(response, names.Reset, out var reset))
        {
            return;
        }
        blockedUntil = time.GetUtcNow().AddSeconds(reset);
    }

    private async Task WaitForRateLimitResetAsync(CancellationToken cancellationToken)
    {
        if (blockedUntil is not { } until)
        {
            return;
        }
        var wait = until - time.GetUtcNow();
        blockedUntil = null;
        if (wait <= TimeSpan.Zero)
        {
            return;
        }
        if (wait > TimeSpan.FromSeconds(options.MaxRetryAfterSeconds))
        {
            throw new VendorException(connector.DisplayName, VendorErrorKind.RateLimited,
                $"{connector.DisplayName} rate limit exhausted; it resets in {wait.TotalSeconds:0} s.", 429, wait);
        }
        logger.LogInformation("{Vendor} rate limit exhausted; waiting {Seconds} s for its reset", connector.DisplayName, wait.TotalSeconds);
        await Task.Delay(wait, time, cancellationToken);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }
            if (retryAfter.Date is { } date)
            {
                var wait = date - time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }
        return connector.RateLimitHeaders is { } names && TryHeaderNumber(response, names.Reset, out var reset) ? TimeSpan.FromSeconds(reset) : null;
    }

    private static bool TryHeaderNumber(HttpResponseMessage response, string name, out double value)
    {
        value = 0;
        return response.Headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static string Snippet(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        return text.Length == 0 ? "no body" : text;
    }
}
