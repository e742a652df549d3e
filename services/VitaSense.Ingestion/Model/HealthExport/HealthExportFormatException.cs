namespace VitaSense.Ingestion.Model.HealthExport;

/// <summary>The body is not JSON, is cut short, or is not the <c>{"data": {"metrics": [...], "workouts": [...]}}</c> envelope.</summary>
public sealed class HealthExportFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HealthExportFormatException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
