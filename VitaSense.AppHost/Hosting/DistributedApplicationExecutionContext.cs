namespace VitaSense.Hosting;

/// <summary>How the AppHost was started.</summary>
public sealed class DistributedApplicationExecutionContext
{
    internal DistributedApplicationExecutionContext(bool isTesting, string? command)
    {
        IsTesting = isTesting;
        Command = command;
    }

    /// <summary>True when the app model runs (locally or in a test); publish mode does not exist yet.</summary>
    public bool IsRunMode => true;

    /// <summary>True when started by <see cref="Testing.DistributedApplicationTestingBuilder"/>: fresh state, free ports only.</summary>
    public bool IsTesting { get; }

    /// <summary>The sub-command given as the first argument (<c>token</c>, <c>apikey</c>), if any.</summary>
    public string? Command { get; }
}
