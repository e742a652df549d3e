extern alias devices;
using VitaSense.TestSupport;
using DevicesProgram = devices::Program;

namespace VitaSense.Devices.Tests;

/// <summary>
/// The devices service as configured by default, with its own database and the shared Redis and Kafka, except that
/// its health consumer has a Kafka group of its own: in the shared "devices" group the partitions would be split among
/// every live factory of the test process, and an event published for this one could be applied to another's database.
/// </summary>
public class DevicesFactory : ServiceFactory<DevicesProgram>
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Devices:Registry:ConsumerGroup"] = $"devices-tests-{Guid.NewGuid():N}";
    }
}
