namespace VitaSense.Hosting;

/// <summary>A Redis server: a local redis-server process without persistence, or an existing server.</summary>
public sealed class RedisResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <inheritdoc />
    public override string TypeName => "Redis";
}
