namespace VitaSense.Devices.Model;

/// <summary>What became of a registry write.</summary>
public enum RegistryOutcome
{
    /// <summary>Written.</summary>
    Done,

    /// <summary>No such device of the caller.</summary>
    NotFound,

    /// <summary>Another live device has the serial number (or vendor device id).</summary>
    Duplicate,

    /// <summary>The device is unregistered and can no longer be changed.</summary>
    Unregistered,
}
