using VitaSense.ServiceDefaults.Messaging.Consumers;

namespace VitaSense.Agents.Tests;

public sealed class DerivedEventIdTests
{
    [Fact]
    public void Same_parts_give_the_same_id()
    {
        Assert.Equal(DerivedEventId.Create("/ingestion", "evt-1", "low_battery"), DerivedEventId.Create("/ingestion", "evt-1", "low_battery"));
    }

    [Fact]
    public void Different_parts_give_different_ids()
    {
        var ids = new[]
        {
            DerivedEventId.Create("/ingestion", "evt-1", "low_battery"),
            DerivedEventId.Create("/ingestion", "evt-1", "device_offline"),
            DerivedEventId.Create("/ingestion", "evt-2", "low_battery"),
            DerivedEventId.Create("/devices", "evt-1", "low_battery"),
        };

        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Id_is_a_version_5_uuid()
    {
        var id = Guid.Parse(DerivedEventId.Create("/ingestion", "evt-1", "low_battery"));

        Assert.Equal(5, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
    }
}
