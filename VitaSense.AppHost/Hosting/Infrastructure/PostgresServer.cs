using System.Security.Cryptography;
using Npgsql;

namespace VitaSense.Hosting;

/// <summary>
/// A private PostgreSQL server: initdb once into the state folder (reused by later runs), then <c>postgres</c> as a
/// child process on a free port, listening on 127.0.0.1 only, scram-sha-256 with a generated superuser password.
/// As root it runs as the <c>postgres</c> user, which owns the data folder.
/// </summary>
internal sealed class PostgresServer(string binDirectory, StateDirectory state, bool disposableData, Action<string, bool> onLine)
{
    private const string ServiceUser = "postgres";
    private ChildProcess? process;

    public ChildProcess? Process => process;

    public int Port { get; private set; }

    /// <summary>Initialises the data folder if needed, starts the server and returns the superuser connection string once it accepts connections.</summary>
    public async Task<string> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var password = state.ReadOrCreateSecret("postgres-password", () => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant());
        var folder = state.Folder("postgres");
        var data = Path.Combine(folder, "data");
        var sockets = Path.Combine(folder, "run");
        Directory.CreateDirectory(sockets);
        if (Posix.IsRoot)
        {
            // The data folder inside is made by initdb as that user already.
            await RunToEndAsync("chown", [$"{ServiceUser}:{ServiceUser}", folder, sockets], folder, "chown of the PostgreSQL folder", cancellationToken);
        }

        if (!File.Exists(Path.Combine(data, "PG_VERSION")))
        {
            await InitializeAsync(folder, data, password, cancellationToken);
        }

        await StopStaleServerAsync(data);

        Port = FreePort.Next();
        List<string> arguments =
        [
            "-D", data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", $"unix_socket_directories={sockets}",
            "-c", "max_connections=300",
        ];
        // Test data is thrown away with its folder: durability only costs time there.
        arguments.AddRange(disposableData
            ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
            : ["-c", "fsync=on"]);
        var (file, args) = AsServiceUser(Path.Combine(binDirectory, "postgres"), arguments);
        // If the engine dies, a fast shutdown (SIGINT) keeps the data folder clean for the next run.
        process = ChildProcess.Start(file, args, folder, null, onLine, parentDeathSignal: "INT");

        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = ServiceUser,
            Password = password,
            MaxPoolSize = 50,
        }.ConnectionString;
        await WaitUntilReadyAsync(connectionString, timeout, cancellationToken);
        return connectionString;
    }

    /// <summary>Creates the database unless it exists.</summary>
    public static async Task CreateDatabaseAsync(string serverConnectionString, string databaseName, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", databaseName);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return;
        }

        var quoted = "\"" + databaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created concurrently: the goal is reached.
        }
    }

    /// <summary>Fast shutdown (SIGINT): active transactions roll back, nothing is lost that was committed.</summary>
    public Task StopAsync() => process?.StopAsync(Posix.SigInt, TimeSpan.FromSeconds(15)) ?? Task.CompletedTask;

    private async Task InitializeAsync(string folder, string data, string password, CancellationToken cancellationToken)
    {
        if (Directory.Exists(data))
        {
            // A previous initdb was interrupted; its half-made folder would be refused.
            Directory.Delete(data, recursive: true);
        }

        var passwordFile = Path.Combine(folder, ".initdb-password");
        StateDirectory.WriteSecret(passwordFile, password);
        try
        {
            if (Posix.IsRoot)
            {
                await RunToEndAsync("chown", [$"{ServiceUser}:{ServiceUser}", passwordFile], folder, "chown of the password file", cancellationToken);
            }

            List<string> arguments =
            [
                "-D", data, "-U", ServiceUser, $"--pwfile={passwordFile}", "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale",
            ];
            if (disposableData)
            {
                arguments.Add("--no-sync");
            }

            var (file, args) = AsServiceUser(Path.Combine(binDirectory, "initdb"), arguments);
            await RunToEndAsync(file, args, folder, "initdb", cancellationToken);
        }
        catch
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }

            throw;
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>A server left behind by a crashed run still holds the data folder; stop it the way PostgreSQL expects.</summary>
    private static async Task StopStaleServerAsync(string data)
    {
        var pidFile = Path.Combine(data, "postmaster.pid");
        if (!File.Exists(pidFile)
            || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid)
            || !Posix.IsAlive(pid)
            || !Posix.CommandLine(pid).Contains("postgres", StringComparison.Ordinal))
        {
            return;
        }

        foreach (var signal in new[] { Posix.SigInt, Posix.SigQuit, Posix.SigKill })
        {
            Posix.Signal(pid, signal);
            for (var i = 0; i < 50 && Posix.IsAlive(pid); i++)
            {
                await Task.Delay(200);
            }

            if (!Posix.IsAlive(pid))
            {
                return;
            }
        }
    }

    private async Task WaitUntilReadyAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false, Timeout = 5 }.ConnectionString;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        Exception? last = null;
        while (!deadline.IsCancellationRequested)
        {
            if (process!.Exited.IsCompleted)
            {
                throw new DistributedApplicationException($"postgres exited with code {process.Exited.Result} while starting.");
            }

            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(deadline.Token);
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException)
            {
                last = e;
            }

            await Task.Delay(200, CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new DistributedApplicationException($"PostgreSQL did not accept connections within {timeout.TotalSeconds:0} s: {last?.Message}");
    }

    private static (string File, IReadOnlyList<string> Arguments) AsServiceUser(string file, IReadOnlyList<string> arguments) =>
        Posix.IsRoot
            // setpriv execs in place (runuser would stay as a parent), so the engine owns the server process itself.
            ? ("setpriv", ["--reuid", ServiceUser, "--regid", ServiceUser, "--init-groups", "--", file, .. arguments])
            : (file, arguments);

    private async Task RunToEndAsync(string file, IReadOnlyList<string> arguments, string workingDirectory, string what, CancellationToken cancellationToken)
    {
        var output = new List<string>();
        var child = ChildProcess.Start(file, arguments, workingDirectory, null, (line, isError) =>
        {
            lock (output)
            {
                output.Add(line);
            }

            onLine(line, isError);
        });
        int code;
        try
        {
            code = await child.Exited.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            child.Kill();
            throw;
        }

        if (code != 0)
        {
            string tail;
            lock (output)
            {
                tail = string.Join(Environment.NewLine, output.TakeLast(15));
            }

            throw new DistributedApplicationException($"{what} failed with exit code {code}:{Environment.NewLine}{tail}");
        }
    }
}
