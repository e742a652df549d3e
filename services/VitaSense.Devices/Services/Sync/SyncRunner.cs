using System.Text.Json;
using Microsoft.Extensions.Options;
using VitaSense.Devices.Infrastructure;
using VitaSense.Devices.Integrations;

namespace VitaSense.Devices.Services.Sync;

/// <summary>
/// Runs one sync: claims the pending row, fetches from the vendor since the device's cursors, hands the readings to
/// ingestion, then completes the row and advances the cursors in one transaction. Fetching is all-or-nothing (a
/// malformed or partial vendor payload fails the sync before anything is sent); a transient failure (vendor 5xx
/// or rate limit, ingestion 404/5xx) is retried up to <see cref="IntegrationOptions.MaxSyncRetries"/> times with
/// exponential backoff, within <see cref="IntegrationOptions.SyncTimeoutSeconds"/>. A retried post that reached
/// ingestion before is deduplicated there, and cursors only move once every batch was taken.
/// </summary>
public sealed class SyncRunner(
    DeviceSyncStore devices,
    SyncHistoryStore history,
    ConnectorCatalog catalog,
    SyncSessionFactory sessions,
    SyncIngestionClient ingestion,
    IOptions<IntegrationOptions> options,
    TimeProvider time,
    ILogger<SyncRunner> logger)
{
    /// <summary>This replica's name on the syncs it runs.</summary>
    public string RunnerId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Runs the pending sync <paramref name="syncId"/> of <paramref name="deviceId"/>; never throws but for cancellation.</summary>
    public async Task RunAsync(Guid syncId, Guid deviceId, CancellationToken cancellationToken)
    {
        if (!await history.StartAsync(syncId, RunnerId, cancellationToken))
        {
            return;
        }
        var settings = options.Value;
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(syncId, heartbeatStop.Token);
        var processed = 0;
        var attempts = 0;
        string? userId = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(settings.SyncTimeoutSeconds));
            var device = await devices.FindAsync(deviceId, null, timeout.Token);
            userId = device?.UserId;
            if (device?.Vendor is not { } vendor || catalog.Find(vendor) is not { } connector)
            {
                await FailAsync(syncId, deviceId, "The device is not registered for sync with a vendor.", new { kind = "not_syncable" }, 0);
                return;
            }
            if (catalog.Endpoint(connector) is not { } endpoint)
            {
                await FailAsync(syncId, deviceId, $"{connector.DisplayName} is not configured: Integrations:{connector.Type}:BaseUrl, TokenUrl and ClientId are needed.", new { kind = "not_configured", vendor }, 0);
                return;
            }
            var interval = device.Settings.AutoSync ? device.Settings.SyncIntervalMinutes : (int?)null;
            if (!connector.Pulls)
            {
                // A push vendor's data arrives through its webhook: there is nothing to fetch.
                await history.CompleteAsync(syncId, deviceId, 0, 0, 0, Details(new { note = $"{connector.DisplayName} pushes its data; nothing to fetch" }),
                    new Dictionary<string, SyncCursor>(), interval, CancellationToken.None);
                return;
            }

            var cursors = await history.CursorsAsync(deviceId, timeout.Token);
            while (true)
            {
                attempts++;
                try
                {
                    var session = await sessions.ForDeviceAsync(connector, endpoint, device, timeout.Token)
                        ?? throw new VendorException(connector.DisplayName, VendorErrorKind.NotConnected,
                            $"No {connector.DisplayName} credentials: connect the account (POST /api/v1/integrations/{connector.Type}/auth).");
                    var now = time.GetUtcNow();
                    var request = new FetchRequest(device.VendorDeviceId, connector.DataTypes, cursors,
                        now.AddDays(-Math.Clamp(device.Settings.SyncHistoricalDays, 0, 365)), now, settings.MaxDaysPerSync, device.DeviceType);
                    var fetched = await connector.FetchAsync(session, request, timeout.Token);
                    processed = fetched.Readings.Count;
                    var outcome = await ingestion.PostAsync(deviceId, device.UserId, vendor, fetched.Readings, timeout.Token);
                    await history.CompleteAsync(syncId, deviceId, processed, outcome.Accepted + outcome.Duplicates, outcome.Rejected,
                        Details(new { vendor, attempts, vendor_calls = session.Calls, accepted = outcome.Accepted, duplicates = outcome.Duplicates, errors = outcome.Errors }),
                        fetched.Cursors, interval, CancellationToken.None);
                    logger.LogInformation("Sync {SyncId} of {DeviceId} completed: {Processed} fetched, {Accepted} new, {Duplicates} known, {Rejected} refused",
                        syncId, deviceId, processed, outcome.Accepted, outcome.Duplicates, outcome.Rejected);
                    return;
                }
                catch (Exception ex) when (Retryable(ex) && attempts <= settings.MaxSyncRetries && !timeout.IsCancellationRequested)
                {
                    var delay = TimeSpan.FromSeconds(settings.SyncRetryBaseDelaySeconds * Math.Pow(2, attempts - 1));
                    if (ex is VendorException { RetryAfter: { } retryAfter } && retryAfter > delay)
                    {
                        delay = retryAfter;
                    }
                    logger.LogWarning("Sync {SyncId} attempt {Attempt} failed ({Reason}); retrying in {Delay}", syncId, attempts, ex.Message, delay);
                    await Task.Delay(delay, time, timeout.Token);
                }
            }
        }
        catch (VendorException ex)
        {
            await FailAsync(syncId, deviceId, ex.Message, new { vendor = ex.Vendor, kind = Snake(ex.Kind), status = ex.StatusCode, retryable = ex.Retryable, attempts }, processed);
        }
        catch (SyncIngestionException ex)
        {
            await FailAsync(syncId, deviceId, ex.Message, new { kind = "ingestion", status = ex.StatusCode, retryable = ex.Retryable, attempts }, processed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await FailAsync(syncId, deviceId, $"The sync timed out after {settings.SyncTimeoutSeconds} s.", new { kind = "timeout", attempts }, processed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Sync {SyncId} of {DeviceId} failed unexpectedly", syncId, deviceId);
            await FailAsync(syncId, deviceId, $"The sync failed: {ex.GetType().Name}.", new { kind = "internal", attempts }, processed);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            if (userId is not null)
            {
                await devices.InvalidateAsync(deviceId, userId);
            }
        }
    }

    private static bool Retryable(Exception ex) => ex is VendorException { Retryable: true } or SyncIngestionException { Retryable: true };

    private async Task FailAsync(Guid syncId, Guid deviceId, string message, object details, int processed)
    {
        logger.LogWarning("Sync {SyncId} of {DeviceId} failed: {Message}", syncId, deviceId, message);
        // Recorded even when the request that started it is gone: a sync must never stay running.
        await history.FailAsync(syncId, deviceId, message, Details(details), processed, CancellationToken.None);
    }

    private async Task HeartbeatAsync(Guid syncId, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(0.1, options.Value.HeartbeatSeconds)), time);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await history.HeartbeatAsync([syncId], cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Heartbeat of sync {SyncId} stopped", syncId);
        }
    }

    private static JsonElement Details(object details) => JsonSerializer.SerializeToElement(details);

    private static string Snake(VendorErrorKind kind) => kind switch
    {
        VendorErrorKind.Unauthorized => "unauthorized",
        VendorErrorKind.RateLimited => "rate_limited",
        VendorErrorKind.Unavailable => "unavailable",
        VendorErrorKind.Refused => "refused",
        VendorErrorKind.InvalidPayload => "invalid_payload",
        _ => "not_connected",
    };
}
