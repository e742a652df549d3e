namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>Canonical names of the collections under <c>data</c> besides <c>metrics</c> and <c>workouts</c>.</summary>
public static class HealthExportCollections
{
    /// <summary><c>ecg</c>, read as <see cref="EcgRecording"/>.</summary>
    public const string Ecg = "ecg";

    /// <summary><c>symptoms</c>, read as <see cref="SymptomRecord"/>.</summary>
    public const string Symptoms = "symptoms";

    /// <summary><c>stateOfMind</c>, read as <see cref="CollectionRecord"/>.</summary>
    public const string StateOfMind = "state_of_mind";

    /// <summary><c>medications</c>, read as <see cref="CollectionRecord"/>.</summary>
    public const string Medications = "medications";

    /// <summary><c>cycleTracking</c>, read as <see cref="CollectionRecord"/>.</summary>
    public const string CycleTracking = "cycle_tracking";

    /// <summary><c>heartRateNotifications</c>, read as <see cref="CollectionRecord"/>.</summary>
    public const string HeartRateNotifications = "heart_rate_notifications";

    /// <summary>All six, in the order the app writes them.</summary>
    public static IReadOnlyList<string> All { get; } = [StateOfMind, Medications, Symptoms, CycleTracking, Ecg, HeartRateNotifications];

    /// <summary>The canonical name of a <c>data</c> property (<c>stateOfMind</c> gives <c>state_of_mind</c>); null when not one of these.</summary>
    public static string? FromProperty(string name) => name switch
    {
        "ecg" => Ecg,
        "symptoms" => Symptoms,
        "stateOfMind" or "state_of_mind" => StateOfMind,
        "medications" => Medications,
        "cycleTracking" or "cycle_tracking" => CycleTracking,
        "heartRateNotifications" or "heart_rate_notifications" => HeartRateNotifications,
        _ => null,
    };
}
