using System.Diagnostics;
using Npgsql;
using VitaSense.Hosting;
using VitaSense.Hosting.Testing;

namespace VitaSense.AppHost.Tests;

/// <summary>The engine starts what the model says, hands out the right settings, reports crashes and leaves nothing behind.</summary>
public sealed class EngineLifecycleTests
{
    [Fact]
    public async Task A_started_model_is_wired_as_declared_and_stopping_leaves_no_process_behind()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        var builder = await TestModels.AppHostAsync(cts.Token, "vitasense", "cache", "messaging");
        builder.AddTestService("probe")
            .WithReplicas(2)
            .WithReference(builder.Resource<PostgresDatabaseResource>("vitasense"))
            .WithReference(builder.Resource<RedisResource>("cache"))
            .WithReference(builder.Resource<KafkaServerResource>("messaging"))
            .WaitFor(builder.Resource<PostgresDatabaseResource>("vitasense"))
            .WaitFor(builder.Resource<RedisResource>("cache"))
            .WithEnvironment("PROBE_SETTING", "from-the-model");
        var app = await builder.BuildAsync(cts.Token);
        string? stateDirectory;
        List<int> processes;
        try
        {
            await app.StartAsync(cts.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("probe", cts.Token);
            stateDirectory = app.StateDirectory;

            using var client = app.CreateHttpClient("probe");
            Assert.Equal(await app.GetConnectionStringAsync("cache", cts.Token), await client.GetEnvironmentAsync("ConnectionStrings__cache", cts.Token));
            Assert.Equal(await app.GetConnectionStringAsync("messaging", cts.Token), await client.GetEnvironmentAsync("ConnectionStrings__messaging", cts.Token));
            var database = new NpgsqlConnectionStringBuilder(await client.GetEnvironmentAsync("ConnectionStrings__vitasense", cts.Token));
            Assert.Equal("vitasense", database.Database);
            Assert.Equal("vitasense-dev", await client.GetEnvironmentAsync("Authentication__Jwt__Issuer", cts.Token));
            Assert.Equal(app.JwtSigningKey, await client.GetEnvironmentAsync("Authentication__Jwt__SigningKey", cts.Token));
            Assert.Equal("probe", await client.GetEnvironmentAsync("OTEL_SERVICE_NAME", cts.Token));
            Assert.Equal("from-the-model", await client.GetEnvironmentAsync("PROBE_SETTING", cts.Token));

            // The superuser password really is required: the database answers with it, not without.
            await using (var connection = new NpgsqlConnection(database.ConnectionString))
            {
                await connection.OpenAsync(cts.Token);
            }

            await Assert.ThrowsAsync<PostgresException>(async () =>
            {
                await using var anonymous = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = "wrong", Pooling = false }.ConnectionString);
                await anonymous.OpenAsync(cts.Token);
            });
            NpgsqlConnection.ClearAllPools();

            Assert.Equal(2, app.GetProcessIds("probe").Count);
            var started = new[] { "postgres", "cache", "probe" }.SelectMany(app.GetProcessIds).ToList();
            Assert.All(started, pid => Assert.True(Posix.IsAlive(pid)));
            // Descendants (PostgreSQL's workers and backends) come and go on their own; only their end after stop is asserted.
            processes = [.. started, .. started.SelectMany(Posix.Descendants)];
            Assert.True(processes.Count >= 4 + 3, $"expected postgres with its workers, redis and two replicas, got {processes.Count} processes");
        }
        finally
        {
            await app.DisposeAsync();
        }

        Assert.All(processes, pid => Assert.False(Posix.IsAlive(pid), $"process {pid} ({Posix.CommandLine(pid)}) outlived the app"));
        Assert.False(Directory.Exists(stateDirectory), "a test app's state folder is deleted when it stops");
        Assert.All(new[] { "postgres", "cache", "probe" }, name => Assert.Equal(KnownResourceStates.Exited, app.ResourceNotifications.GetCurrentState(name)!.State));
    }

    [Fact]
    public async Task A_crashing_project_is_reported_with_its_exit_code_and_last_lines()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        await using var builder = await TestModels.AppHostAsync(cts.Token);
        var crasher = builder.AddTestService("crasher").WithEnvironment("TEST_SERVICE_MODE", "crash");
        builder.AddTestService("dependant").WaitFor(crasher);
        var app = await builder.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);

        var failure = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.ResourceNotifications.WaitForResourceHealthyAsync("crasher", cts.Token));
        Assert.Contains("crasher exited with code 3", failure.Message);
        var crashed = app.ResourceNotifications.GetCurrentState("crasher")!;
        Assert.Equal(KnownResourceStates.Exited, crashed.State);
        Assert.Equal(3, crashed.ExitCode);
        var lastLines = app.ResourceLogs.GetLogs("crasher", 20).Select(l => l.Content).ToList();
        Assert.Contains("fatal: this service was told to crash", lastLines);
        Assert.Contains("starting step 30", lastLines);

        await Assert.ThrowsAsync<DistributedApplicationException>(() => app.ResourceNotifications.WaitForResourceHealthyAsync("dependant", cts.Token));
        var dependant = app.ResourceNotifications.GetCurrentState("dependant")!;
        Assert.Equal(KnownResourceStates.FailedToStart, dependant.State);
        Assert.Contains("crasher", dependant.Message);
        Assert.Empty(dependant.ProcessIds);
    }

    [Fact]
    public async Task A_configured_connection_string_is_used_as_is_and_nothing_is_started_for_it()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        var port = FreePort.Next();
        using var existing = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        try
        {
            await using var builder = await TestModels.AppHostAsync(cts.Token, "cache");
            builder.Configuration["ConnectionStrings:cache"] = $"127.0.0.1:{port}";
            var cache = builder.Resource<RedisResource>("cache");
            builder.AddTestService("probe").WithReference(cache).WaitFor(cache);
            var app = await builder.BuildAsync(cts.Token);
            await app.StartAsync(cts.Token);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("probe", cts.Token);

            var snapshot = app.ResourceNotifications.GetCurrentState("cache")!;
            Assert.True(snapshot.IsExternal);
            Assert.Empty(snapshot.ProcessIds);
            Assert.Equal($"127.0.0.1:{port}", await app.GetConnectionStringAsync("cache", cts.Token));
            using var client = app.CreateHttpClient("probe");
            Assert.Equal($"127.0.0.1:{port}", await client.GetEnvironmentAsync("ConnectionStrings__cache", cts.Token));
            // Other tests of this process run their own redis; none may belong to this app (each runs in its app's state folder).
            var state = app.StateDirectory!;
            Assert.False(Directory.Exists(Path.Combine(state, "redis")), "no redis folder is prepared for an existing server");
            Assert.DoesNotContain(
                Posix.Descendants(Environment.ProcessId).Where(pid => Posix.CommandLine(pid).Contains("redis-server", StringComparison.Ordinal)),
                pid => WorkingDirectory(pid)?.StartsWith(state, StringComparison.Ordinal) == true);
        }
        finally
        {
            existing.Kill();
            await existing.WaitForExitAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_second_run_on_the_same_state_folder_keeps_the_data_and_does_not_initdb_again()
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout * 2);
        var state = Directory.CreateTempSubdirectory("vitasense-engine-reuse-").FullName;
        try
        {
            await using (var first = await StartDatabaseAsync(state, cts.Token))
            {
                Assert.Contains(first.ResourceLogs.GetLogs("postgres"), l => l.Content.Contains("creating directory", StringComparison.Ordinal));
                await ExecuteAsync(first, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('from run 1')", cts.Token);
            }

            Assert.True(File.Exists(Path.Combine(state, "postgres", "data", "PG_VERSION")), "the data folder survives a stop");
            var password = await File.ReadAllTextAsync(Path.Combine(state, "postgres-password"), cts.Token);

            await using var second = await StartDatabaseAsync(state, cts.Token);
            Assert.DoesNotContain(second.ResourceLogs.GetLogs("postgres"), l => l.Content.Contains("creating directory", StringComparison.Ordinal));
            Assert.Equal(password, await File.ReadAllTextAsync(Path.Combine(state, "postgres-password"), cts.Token));
            await using var connection = new NpgsqlConnection(await second.GetConnectionStringAsync("vitasense", cts.Token));
            await connection.OpenAsync(cts.Token);
            await using var query = new NpgsqlCommand("SELECT note FROM kept", connection);
            Assert.Equal("from run 1", await query.ExecuteScalarAsync(cts.Token));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<DistributedApplication> StartDatabaseAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        var builder = await TestModels.AppHostAsync(cancellationToken, "vitasense");
        builder.Configuration["AppHost:StateDirectory"] = stateDirectory;
        var app = await builder.BuildAsync(cancellationToken);
        await app.StartAsync(cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("vitasense", cancellationToken);
        return app;
    }

    private static async Task ExecuteAsync(DistributedApplication app, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await app.GetConnectionStringAsync("vitasense", cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        NpgsqlConnection.ClearPool(connection);
    }

    private static string? WorkingDirectory(int pid)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
