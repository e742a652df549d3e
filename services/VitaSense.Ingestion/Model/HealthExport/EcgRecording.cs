namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>One entry of <c>ecg</c>: an Apple Watch electrocardiogram with its voltage samples.</summary>
public sealed class EcgRecording : HealthExportItem
{
    /// <summary>Start of the recording.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>End of the recording, if given.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>The watch's reading, e.g. <c>Sinus Rhythm</c>, <c>Atrial Fibrillation</c>, <c>Inconclusive</c>.</summary>
    public string? Classification { get; init; }

    /// <summary><c>severity</c>, e.g. <c>Not Set</c>.</summary>
    public string? Severity { get; init; }

    /// <summary>Average heart rate during the recording, beats per minute.</summary>
    public double? AverageHeartRate { get; init; }

    /// <summary>Samples per second, Hz (512 on Apple Watch).</summary>
    public double? SamplingFrequency { get; init; }

    /// <summary>The count the app reports; may exceed <see cref="Voltages"/> when the app trims the samples it sends.</summary>
    public int? NumberOfVoltageMeasurements { get; init; }

    /// <summary>The <c>voltageMeasurements</c> in order, converted to volts.</summary>
    public IReadOnlyList<double> Voltages { get; init; } = [];

    /// <summary>The <c>source</c> split on '|'.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];
}
