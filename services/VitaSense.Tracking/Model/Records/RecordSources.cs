namespace VitaSense.Tracking.Model.Records;

/// <summary>Where a record came from (the <c>source</c> column and field).</summary>
public static class RecordSources
{
    /// <summary>Posted by the user through the API.</summary>
    public const string Manual = "manual";

    /// <summary>Materialised from the processed device stream.</summary>
    public const string Device = "device";
}
