namespace VitaSense.ServiceDefaults.Outbox;

/// <summary>Settings of one relay (one per schema).</summary>
/// <param name="Schema">Schema whose <c>outbox</c> table is relayed.</param>
/// <param name="BatchSize">Rows published per transaction.</param>
/// <param name="PollInterval">How often to look for rows when no signal arrives (rows of other replicas, retries).</param>
public sealed record OutboxRelayOptions(string Schema, int BatchSize = 1000, TimeSpan? PollInterval = null)
{
    /// <summary>The poll interval, one second unless set.</summary>
    public TimeSpan EffectivePollInterval => PollInterval ?? TimeSpan.FromSeconds(1);
}
