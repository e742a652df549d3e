namespace VitaSense.Ingestion.Model.Observations;

/// <summary>How readings reached VitaSense; recorded on each stream.</summary>
public static class ObservationOrigins
{
    /// <summary>Pushed by the iOS app Health Auto Export to <c>POST /api/v1/sync</c>.</summary>
    public const string HealthExport = "health_export";

    /// <summary>Uploaded by a device to <c>POST /api/v1/devices/{device_id}/data</c>.</summary>
    public const string DeviceUpload = "device_upload";

    /// <summary>Pulled from a vendor's cloud by the devices service.</summary>
    public const string VendorSync = "vendor_sync";
}
