extern alias agents;

using System.Net.Http.Headers;
using System.Text.Json;
using VitaSense.TestSupport;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary>
/// What every test class of the shared agents service starts from: a Kafka test client, an operator's client (a user
/// of its own, for <c>/agents/status</c>; creating it starts the host and with it the agents) and, before the first
/// test, the wait until the consumer the class exercises owns partitions (it joins its group in the background).
/// </summary>
public abstract class AgentsServiceTests(ServiceFactory<AgentsProgram> factory) : IAsyncLifetime
{
    /// <summary>How long a consumer may take to join its group.</summary>
    protected static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The shared agents service.</summary>
    protected ServiceFactory<AgentsProgram> Factory { get; } = factory;

    /// <summary>Produces to and reads from the service's Kafka.</summary>
    protected KafkaTestClient Kafka { get; private set; } = null!;

    /// <summary>A client authenticated as an operator of its own.</summary>
    protected HttpClient Operator { get; private set; } = null!;

    /// <summary>
    /// The <c>/agents/status</c> section of the consumer the tests need running (<see cref="DeviceAnomalies"/> for the
    /// top level), or null to wait for nothing beyond the host's start.
    /// </summary>
    protected virtual string? Consumer => null;

    /// <summary>The section name of the device anomaly agent, whose counters are the status's top level.</summary>
    protected const string DeviceAnomalies = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Kafka = new KafkaTestClient(Factory.Infrastructure.KafkaBootstrapServers);
        Operator = Client(InsightsEvents.NewId("operator"));
        if (Consumer is { } consumer)
        {
            await WaitForPartitionsAsync(consumer);
        }
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        Kafka.Dispose();
        Operator.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Waits until the consumer of the status <paramref name="section"/> owns partitions (after a start or restart).</summary>
    protected Task WaitForPartitionsAsync(string section) =>
        AgentsStatus.WaitForAsync(Operator, status => Section(status, section).GetProperty("assigned_partitions").GetInt32() > 0, ReadyTimeout);

    /// <summary>A client authenticated as <paramref name="userId"/>.</summary>
    protected HttpClient Client(string userId)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Factory.MintToken(userId));
        return client;
    }

    private static JsonElement Section(JsonElement status, string section) => section.Length == 0 ? status : status.GetProperty(section);
}
