using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace VitaSense.Hosting;

/// <summary>
/// The console output of every resource: a bounded buffer per resource and live subscriptions
/// (as Aspire's <c>ResourceLoggerService</c>), for the console, crash reports and the dashboard.
/// </summary>
public sealed class ResourceLoggerService
{
    /// <summary>Lines kept per resource; older ones are dropped.</summary>
    public const int Capacity = 2_000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, ResourceLog> logs = new(StringComparer.Ordinal);

    /// <summary>The buffered lines of a resource, oldest first.</summary>
    public IReadOnlyList<LogLine> GetLogs(string resourceName, int? last = null)
    {
        lock (gate)
        {
            if (!logs.TryGetValue(resourceName, out var log))
            {
                return [];
            }

            var count = Math.Min(last ?? log.Lines.Count, log.Lines.Count);
            return log.Lines.Skip(log.Lines.Count - count).ToList();
        }
    }

    /// <summary>The buffered lines, then each new line, until cancelled.</summary>
    public async IAsyncEnumerable<LogLine> WatchAsync(string resourceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<LogLine>(new UnboundedChannelOptions { SingleReader = true });
        ResourceLog log;
        lock (gate)
        {
            log = Get(resourceName);
            foreach (var line in log.Lines)
            {
                channel.Writer.TryWrite(line);
            }

            log.Subscribers.Add(channel);
        }

        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return line;
            }
        }
        finally
        {
            lock (gate)
            {
                log.Subscribers.Remove(channel);
            }
        }
    }

    /// <summary>Records a line written by a resource.</summary>
    public void Log(string resourceName, string content, bool isErrorMessage)
    {
        lock (gate)
        {
            var log = Get(resourceName);
            var line = new LogLine(++log.Count, DateTimeOffset.UtcNow, content, isErrorMessage);
            log.Lines.Enqueue(line);
            while (log.Lines.Count > Capacity)
            {
                log.Lines.Dequeue();
            }

            foreach (var subscriber in log.Subscribers)
            {
                subscriber.Writer.TryWrite(line);
            }
        }
    }

    private ResourceLog Get(string resourceName)
    {
        if (!logs.TryGetValue(resourceName, out var log))
        {
            logs[resourceName] = log = new ResourceLog();
        }

        return log;
    }

    private sealed class ResourceLog
    {
        public Queue<LogLine> Lines { get; } = new();

        public List<Channel<LogLine>> Subscribers { get; } = [];

        public long Count { get; set; }
    }
}
