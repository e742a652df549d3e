using System.Net.Sockets;
using System.Text;

namespace VitaSense.Hosting;

/// <summary>A private redis-server child process on a free port: loopback only, no persistence (the cache is disposable).</summary>
internal sealed class RedisServer(string executable, StateDirectory state, Action<string, bool> onLine)
{
    private ChildProcess? process;

    public ChildProcess? Process => process;

    /// <summary>Starts the server and returns its connection string (host:port) once it answers PING.</summary>
    public async Task<string> StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var folder = state.Folder("redis");
        var port = FreePort.Next();
        process = ChildProcess.Start(
            executable,
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder],
            folder,
            null,
            onLine);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (process.Exited.IsCompleted)
            {
                throw new DistributedApplicationException($"redis-server exited with code {process.Exited.Result} while starting.");
            }

            if (await PingAsync(port, deadline.Token))
            {
                return $"127.0.0.1:{port}";
            }

            await Task.Delay(100, CancellationToken.None);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new DistributedApplicationException($"redis-server did not answer PING within {timeout.TotalSeconds:0} s.");
    }

    public Task StopAsync() => process?.StopAsync(Posix.SigTerm, TimeSpan.FromSeconds(5)) ?? Task.CompletedTask;

    private static async Task<bool> PingAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return false;
        }
    }
}
