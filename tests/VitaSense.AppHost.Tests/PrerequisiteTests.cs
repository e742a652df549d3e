using VitaSense.Hosting;

namespace VitaSense.AppHost.Tests;

/// <summary>A missing server binary stops the start with one sentence naming the install command.</summary>
public sealed class PrerequisiteTests
{
    [Theory]
    [InlineData("AppHost:PostgresBinDirectory", "vitasense", "PostgreSQL")]
    [InlineData("AppHost:RedisServerPath", "cache", "redis-server")]
    public async Task A_missing_server_binary_fails_the_start_with_the_install_command(string key, string resource, string named)
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        await using var builder = await TestModels.AppHostAsync(cts.Token, resource);
        builder.Configuration[key] = "/nonexistent/vitasense-test";
        var app = await builder.BuildAsync(cts.Token);

        var failure = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(cts.Token));

        Assert.Contains(named, failure.Message);
        Assert.Contains("sudo apt-get install -y postgresql redis-server", failure.Message);
        Assert.DoesNotContain(Environment.NewLine, failure.Message);
    }
}
