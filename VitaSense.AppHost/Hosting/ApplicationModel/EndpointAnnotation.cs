namespace VitaSense.Hosting;

/// <summary>The annotated project's HTTP endpoint: a fixed port (else a free one), and whether it is meant for outside callers.</summary>
public sealed class EndpointAnnotation : IResourceAnnotation
{
    /// <summary>The port to listen on; null picks a free port at each start.</summary>
    public int? Port { get; set; }

    /// <summary>Whether clients outside the app call this endpoint (shown as such; still bound to localhost).</summary>
    public bool IsExternal { get; set; }
}
