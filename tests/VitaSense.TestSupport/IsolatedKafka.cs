using VitaSense.Hosting;
using VitaSense.Hosting.Testing;

namespace VitaSense.TestSupport;

/// <summary>
/// A Kafka mock cluster of one test's own, started through the AppHost's testing entry point, whose broker the
/// test can stop and restart on the same address without disturbing the process's shared cluster.
/// </summary>
public sealed class IsolatedKafka : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly DistributedApplication app;

    private IsolatedKafka(DistributedApplication app, string bootstrapServers)
    {
        this.app = app;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>host:port of the broker (every topic of Contracts.Topics.All exists).</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts the cluster.</summary>
    public static async Task<IsolatedKafka> StartAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.VitaSense_AppHost>(timeout.Token);
        builder.KeepOnly("messaging");
        var app = await builder.BuildAsync(timeout.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging", timeout.Token);
            return new IsolatedKafka(app, (await app.GetConnectionStringAsync("messaging", timeout.Token))!);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the broker (<paramref name="available"/> false) or brings it back.</summary>
    public void SetAvailable(bool available) => app.SetKafkaAvailable("messaging", available);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => app.DisposeAsync();
}
