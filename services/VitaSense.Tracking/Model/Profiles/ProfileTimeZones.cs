namespace VitaSense.Tracking.Model.Profiles;

/// <summary>IANA time zone names, checked against the system's time zone database.</summary>
public static class ProfileTimeZones
{
    /// <summary>The zone named <paramref name="id"/>, or null when there is none.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return null;
        }
    }
}
