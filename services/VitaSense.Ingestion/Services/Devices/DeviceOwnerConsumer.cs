using Microsoft.Extensions.Options;
using VitaSense.Contracts;
using VitaSense.Contracts.Events;
using VitaSense.Ingestion.Infrastructure;
using VitaSense.Ingestion.Model.DeviceData;
using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Ingestion.Services.Devices;

/// <summary>
/// Keeps <c>ingestion.device_owners</c> from the devices service's lifecycle events (<see cref="Topics.DeviceLifecycle"/>,
/// group <see cref="ConsumerGroups.Ingestion"/>). Applying an event is idempotent and an event older than the stored
/// state is ignored, so redeliveries, in or out of order, change nothing.
/// </summary>
public sealed class DeviceOwnerConsumer : CloudEventConsumer
{
    /// <summary>A device was registered.</summary>
    public const string Registered = "registered";

    /// <summary>A device's details (or owner) changed.</summary>
    public const string Updated = "updated";

    /// <summary>A device was unregistered.</summary>
    public const string Unregistered = "unregistered";

    private readonly DeviceOwnerStore store;

    /// <summary>Creates the consumer and registers its handler.</summary>
    public DeviceOwnerConsumer(DeviceOwnerStore store, IOptions<DeviceDataOptions> options, IConfiguration configuration, IHostEnvironment environment,
        TimeProvider timeProvider, ILogger<DeviceOwnerConsumer> logger)
        : base(new CloudEventConsumerOptions { GroupId = options.Value.OwnerConsumerGroup, Topics = [Topics.DeviceLifecycle] },
            configuration, environment, timeProvider, logger)
    {
        this.store = store;
        Handle<DeviceLifecycleChanged>(EventTypes.DeviceLifecycleChanged, OnLifecycleChangedAsync);
    }

    private async Task OnLifecycleChangedAsync(CloudEvent<DeviceLifecycleChanged> cloudEvent, MessageContext context, CancellationToken cancellationToken)
    {
        var change = cloudEvent.Data;
        if (string.IsNullOrWhiteSpace(change.DeviceId) || string.IsNullOrWhiteSpace(change.UserId))
        {
            throw new PoisonMessageException("The lifecycle event needs a device_id and a user_id.");
        }
        var registered = change.Change switch
        {
            Registered or Updated => true,
            Unregistered => false,
            _ => throw new PoisonMessageException($"Unknown lifecycle change '{change.Change}'; expected {Registered}, {Updated} or {Unregistered}."),
        };

        var owner = new DeviceOwner(change.DeviceId, change.UserId, change.DeviceType, registered, change.OccurredAt);
        if (!await store.ApplyAsync(owner, cancellationToken))
        {
            Statistics.RecordDuplicate();
            Logger.LogDebug("Ignored a {Change} of {DeviceId} at {OccurredAt}: a later change is already stored", change.Change, change.DeviceId, change.OccurredAt);
        }
    }
}
