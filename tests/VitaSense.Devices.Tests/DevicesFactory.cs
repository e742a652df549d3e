extern alias devices;
using VitaSense.TestSupport;
using DevicesProgram = devices::Program;

namespace VitaSense.Devices.Tests;

/// <summary>The devices service as configured by default, with its own database and the shared Redis and Kafka.</summary>
public class DevicesFactory : ServiceFactory<DevicesProgram>;
