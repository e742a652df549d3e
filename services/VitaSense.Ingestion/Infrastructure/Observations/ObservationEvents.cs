namespace VitaSense.Ingestion.Infrastructure.Observations;

/// <summary>How stored observations are published: as <c>vitasense.observations.ingested.v1</c> events built by the merge.</summary>
public static class ObservationEvents
{
    /// <summary>The CloudEvent <c>source</c>, shared with every other event of this service.</summary>
    public const string Source = DeviceStatusEvents.Source;
}
