namespace VitaSense.Agents.Evaluation.Synthetic;

/// <summary>The kinds of fault injected into the synthetic intraday streams.</summary>
public enum AnomalyKind
{
    /// <summary>One reading far off (a motion artefact, a bad strip).</summary>
    Spike,

    /// <summary>A sudden offset that persists for a day (a sensor re-seated badly).</summary>
    LevelShift,

    /// <summary>A slowly growing offset over twelve hours, then held (a drifting sensor).</summary>
    Drift,

    /// <summary>The value stuck at its last reading for three hours (a frozen sensor, a dropout filled by the device).</summary>
    Flatline,
}
