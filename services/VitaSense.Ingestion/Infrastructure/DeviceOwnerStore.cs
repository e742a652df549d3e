using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using VitaSense.Ingestion.Model.DeviceData;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// The device → owner map in <c>ingestion.device_owners</c>. Every device data request looks its device up, so
/// answers (including "no such device") are kept in memory for <see cref="DeviceDataOptions.OwnerCacheSeconds"/>;
/// a change applied by this replica drops its entry at once.
/// </summary>
public sealed class DeviceOwnerStore : IDisposable
{
    private const int MaxCached = 100_000;

    private readonly NpgsqlDataSource dataSource;
    private readonly TimeSpan cacheFor;
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = MaxCached });

    /// <summary>Creates the store.</summary>
    public DeviceOwnerStore(NpgsqlDataSource dataSource, IOptions<DeviceDataOptions> options)
    {
        this.dataSource = dataSource;
        cacheFor = TimeSpan.FromSeconds(Math.Max(0, options.Value.OwnerCacheSeconds));
    }

    /// <summary>
    /// Records <paramref name="owner"/> unless the stored state changed later (an older event redelivered out of
    /// order); returns whether it was applied.
    /// </summary>
    public async Task<bool> ApplyAsync(DeviceOwner owner, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO ingestion.device_owners AS o (device_id, user_id, device_type, registered, changed_at)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (device_id) DO UPDATE
                SET user_id = EXCLUDED.user_id,
                    -- An update or unregistration that does not name the type keeps the known one.
                    device_type = coalesce(EXCLUDED.device_type, o.device_type),
                    registered = EXCLUDED.registered,
                    changed_at = EXCLUDED.changed_at,
                    updated_at = now()
                WHERE o.changed_at <= EXCLUDED.changed_at
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner.DeviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner.UserId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)owner.DeviceType ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = owner.Registered });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = owner.ChangedAt.ToUniversalTime() });
        var applied = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        cache.Remove(owner.DeviceId);
        return applied;
    }

    /// <summary>The device's owner, or null when no lifecycle event ever named it.</summary>
    public async Task<DeviceOwner?> FindAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(deviceId, out DeviceOwner? cached))
        {
            return cached;
        }

        await using var command = dataSource.CreateCommand(
            "SELECT user_id, device_type, registered, changed_at FROM ingestion.device_owners WHERE device_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        DeviceOwner? owner = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                owner = new DeviceOwner(deviceId, reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                    reader.GetBoolean(2), reader.GetFieldValue<DateTimeOffset>(3));
            }
        }
        if (cacheFor > TimeSpan.Zero)
        {
            cache.Set(deviceId, owner, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = cacheFor, Size = 1 });
        }
        return owner;
    }

    /// <inheritdoc />
    public void Dispose() => cache.Dispose();
}
