using System.Net;
using System.Text.Json;
using VitaSense.Devices.Services.Sync;

namespace VitaSense.Devices.Services;

/// <summary>
/// Deletes a device's readings where they live, in ingestion (<c>DELETE /api/v1/devices/{device_id}/data</c>), for
/// <c>DELETE /api/v1/devices/{device_id}?purge_data=true</c>. It forwards the caller's own credentials: erasing data is
/// the owner's act, and ingestion checks it is theirs (it lets the last owner delete after unregistration).
/// </summary>
public sealed class DeviceDataPurger(IHttpClientFactory httpClientFactory, ILogger<DeviceDataPurger> logger)
{
    /// <summary>The readings deleted (0 when ingestion never knew the device), or null when ingestion could not do it now.</summary>
    public async Task<long?> PurgeAsync(Guid deviceId, string authorization, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(SyncIngestionClient.ClientName);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/devices/{deviceId}/data");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // Ingestion never saw the device registered, so nothing of it could have been stored there.
                return 0;
            }
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Ingestion answered {Status} to purging the data of device {DeviceId}", (int)response.StatusCode, deviceId);
                return null;
            }
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return body.RootElement.TryGetProperty("deleted", out var deleted) ? deleted.GetInt64() : 0;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not reach ingestion to purge the data of device {DeviceId}", deviceId);
            return null;
        }
    }
}
