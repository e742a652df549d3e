namespace VitaSense.Agents.Agents;

/// <summary>
/// When each device was last heard from, by the agent's clock (a consumer catching up on a backlog sees devices as
/// heard from now, not silent), and which have been silent longer than expected: the larger of
/// <c>minimumSilence</c> and <c>intervalFactor</c> times the device's usual interval between events (a moving average),
/// so a device that reports hourly is not silent after fifteen minutes. Each silence is reported once; hearing from the
/// device again re-arms it. Bounded: beyond <c>capacity</c> devices the longest silent is forgotten. Thread-safe: the
/// consume loop records, a timer checks.
/// </summary>
public sealed class DeviceSilenceMonitor(TimeProvider timeProvider, TimeSpan minimumSilence, double intervalFactor, int capacity)
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string UserId, string DeviceId), LinkedListNode<Entry>> entries = [];
    // Ordered by last seen, oldest first: a check stops at the first device heard from recently enough.
    private readonly LinkedList<Entry> order = new();

    /// <summary>Devices tracked.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>Records that the device was heard from, in an event of time <paramref name="eventTime"/>.</summary>
    public void Seen(string userId, string deviceId, DateTimeOffset eventTime)
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            if (entries.TryGetValue((userId, deviceId), out var node))
            {
                var entry = node.Value;
                var interval = (now - entry.LastSeenAt).TotalSeconds;
                // Events of one batch arrive together; only a real pause says something about the device's rhythm.
                if (interval >= 1)
                {
                    entry.AverageIntervalSeconds = entry.AverageIntervalSeconds is { } average ? average + 0.2 * (interval - average) : interval;
                }
                entry.LastSeenAt = now;
                if (eventTime > entry.LastEventAt)
                {
                    entry.LastEventAt = eventTime;
                }
                entry.Reported = false;
                order.Remove(node);
                order.AddLast(node);
                return;
            }

            if (entries.Count >= capacity && order.First is { } oldest)
            {
                order.RemoveFirst();
                entries.Remove((oldest.Value.UserId, oldest.Value.DeviceId));
            }
            entries[(userId, deviceId)] = order.AddLast(new Entry(userId, deviceId) { LastSeenAt = now, LastEventAt = eventTime });
        }
    }

    /// <summary>The devices silent longer than expected and not reported yet.</summary>
    public IReadOnlyList<SilentDevice> FindSilent()
    {
        var now = timeProvider.GetUtcNow();
        var silent = new List<SilentDevice>();
        lock (gate)
        {
            foreach (var entry in order)
            {
                var silentFor = now - entry.LastSeenAt;
                if (silentFor <= minimumSilence)
                {
                    break;
                }
                var expected = entry.AverageIntervalSeconds is { } average
                    ? TimeSpan.FromSeconds(Math.Max(minimumSilence.TotalSeconds, intervalFactor * average))
                    : minimumSilence;
                if (!entry.Reported && silentFor > expected)
                {
                    silent.Add(new SilentDevice(entry.UserId, entry.DeviceId, entry.LastSeenAt, entry.LastEventAt, silentFor, expected));
                }
            }
        }
        return silent;
    }

    /// <summary>Marks a silence as reported, unless the device was heard from since it was found.</summary>
    public void MarkReported(SilentDevice device)
    {
        lock (gate)
        {
            if (entries.TryGetValue((device.UserId, device.DeviceId), out var node) && node.Value.LastSeenAt == device.LastSeenAt)
            {
                node.Value.Reported = true;
            }
        }
    }

    private sealed class Entry(string userId, string deviceId)
    {
        public string UserId { get; } = userId;

        public string DeviceId { get; } = deviceId;

        public DateTimeOffset LastSeenAt { get; set; }

        public DateTimeOffset LastEventAt { get; set; }

        public double? AverageIntervalSeconds { get; set; }

        public bool Reported { get; set; }
    }
}
