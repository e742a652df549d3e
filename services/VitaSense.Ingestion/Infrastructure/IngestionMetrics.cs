using System.Diagnostics.Metrics;
using VitaSense.Ingestion.Model.Sync;

namespace VitaSense.Ingestion.Infrastructure;

/// <summary>
/// Ingestion's own metrics (meter <c>VitaSense.Ingestion</c>, exported over OTLP and on <c>/metrics</c>): entries
/// per type and outcome, body bytes, and how long a payload takes from request start to last commit.
/// </summary>
public sealed class IngestionMetrics
{
    /// <summary>The meter name: the service's application name, which ServiceDefaults subscribes to.</summary>
    public const string MeterName = "VitaSense.Ingestion";

    private readonly Counter<long> entries;
    private readonly Counter<long> bytes;
    private readonly Histogram<double> duration;

    /// <summary>Creates the instruments.</summary>
    public IngestionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        entries = meter.CreateCounter<long>("vitasense.ingestion.entries", "{entry}", "Payload entries by type and outcome (accepted, duplicate, rejected).");
        bytes = meter.CreateCounter<long>("vitasense.ingestion.bytes", "By", "Payload bytes received.");
        duration = meter.CreateHistogram<double>("vitasense.ingestion.duration", "s", "Time from request start to the last commit of a payload.");
    }

    /// <summary>Records a finished payload of <paramref name="kind"/>.</summary>
    public void Record(string kind, IngestionSummary summary)
    {
        foreach (var (type, counts) in summary.Types)
        {
            Add(kind, type, "accepted", counts.Accepted);
            Add(kind, type, "duplicate", counts.Duplicates);
            Add(kind, type, "rejected", counts.Rejected);
        }
        bytes.Add(summary.ReceivedBytes, new KeyValuePair<string, object?>("kind", kind));
        duration.Record(summary.ElapsedMilliseconds / 1000.0, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("status", summary.Status));
    }

    private void Add(string kind, string type, string outcome, long count)
    {
        if (count > 0)
        {
            entries.Add(count, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("type", type), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }
}
