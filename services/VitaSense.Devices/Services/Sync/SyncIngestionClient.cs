using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using VitaSense.Devices.Integrations;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Devices.Services.Sync;

/// <summary>
/// Hands synced readings to ingestion's write path, <c>POST {ingestion}/api/v1/devices/{device_id}/data</c>, so they
/// take the same route as uploaded data (raw backup, canonical units, dedup, <c>device-data-raw</c>). The client's
/// base address is <c>http://ingestion</c>, resolved by service discovery (<c>services:ingestion:http:0</c>). Each
/// request carries a short-lived JWT for the device's owner, minted with this service's own signing key
/// (<c>Authentication:Jwt:SigningKey</c>, the key every service shares in a local or development deployment).
/// A deployment whose tokens come from an external OIDC authority has no such key: it must give this client a
/// client-credentials token of the authority instead (not implemented here; syncs fail saying so).
/// </summary>
public sealed class SyncIngestionClient(IHttpClientFactory httpClientFactory, IConfiguration configuration, IOptions<IntegrationOptions> options,
    TimeProvider time)
{
    /// <summary>The named HttpClient.</summary>
    public const string ClientName = "ingestion";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Posts the readings grouped by data type, in batches; throws <see cref="SyncIngestionException"/>.</summary>
    public async Task<SyncIngestionOutcome> PostAsync(Guid deviceId, string userId, string vendor, IReadOnlyList<VendorReading> readings,
        CancellationToken cancellationToken)
    {
        var outcome = new SyncIngestionOutcome();
        if (readings.Count == 0)
        {
            return outcome;
        }
        var settings = JwtSettings.From(configuration);
        if (settings.SigningKey is null)
        {
            throw new SyncIngestionException(
                "No Authentication:Jwt:SigningKey is configured, so no token can be minted for ingestion; with an external OIDC authority a client-credentials token is needed.",
                null, retryable: false);
        }
        var token = DevelopmentTokens.Mint(settings, userId, TimeSpan.FromMinutes(5), time);
        var client = httpClientFactory.CreateClient(ClientName);
        var batchSize = Math.Max(1, options.Value.IngestionBatchSize);
        foreach (var group in readings.GroupBy(r => (r.DataType, r.Unit)))
        {
            foreach (var batch in group.Chunk(batchSize))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/devices/{deviceId}/data")
                {
                    Content = JsonContent.Create(new
                    {
                        data_type = group.Key.DataType,
                        values = batch,
                        metadata = new { source = "vendor_sync", vendor },
                    }, options: Json),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request, cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    throw new SyncIngestionException($"Ingestion could not be reached ({ex.GetType().Name}).", null, retryable: true);
                }
                using (response)
                {
                    await ReadAsync(response, group.Key.DataType, outcome, cancellationToken);
                }
            }
        }
        return outcome;
    }

    private static async Task ReadAsync(HttpResponseMessage response, string dataType, SyncIngestionOutcome outcome, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK or HttpStatusCode.MultiStatus or HttpStatusCode.UnprocessableEntity:
                using (var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken)))
                {
                    var root = document.RootElement;
                    outcome.Accepted += root.GetProperty("accepted").GetInt32();
                    outcome.Duplicates += root.GetProperty("duplicates").GetInt32();
                    outcome.Rejected += root.GetProperty("rejected").GetInt32();
                    if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var error in errors.EnumerateArray().Take(Math.Max(0, 20 - outcome.Errors.Count)))
                        {
                            outcome.Errors.Add($"{dataType}: {error}");
                        }
                    }
                }
                return;
            case HttpStatusCode.NotFound:
                // Ingestion learns devices from lifecycle events on Kafka; a device imported a moment ago may not have arrived yet.
                throw new SyncIngestionException("Ingestion does not know the device yet (404): its registration event has not arrived.", status, retryable: true);
            case >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout:
                throw new SyncIngestionException($"Ingestion answered {status}.", status, retryable: true);
            default:
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new SyncIngestionException($"Ingestion refused the {dataType} readings ({status}): {(body.Length > 300 ? body[..300] : body)}", status, retryable: false);
        }
    }
}
