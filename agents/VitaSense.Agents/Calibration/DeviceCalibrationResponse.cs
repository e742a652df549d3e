namespace VitaSense.Agents.Calibration;

/// <summary>The body of the calibration endpoints (serialised in snake_case).</summary>
/// <param name="DeviceId">The device asked about.</param>
/// <param name="Factors">Its current factor and status per metric.</param>
/// <param name="History">Its announced changes, newest first; only from <c>GET /data/calibration/{device_id}</c>.</param>
public sealed record DeviceCalibrationResponse(string DeviceId, IReadOnlyList<CalibrationFactor> Factors, IReadOnlyList<CalibrationHistoryEntry>? History);
