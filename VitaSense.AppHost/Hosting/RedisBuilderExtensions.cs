namespace VitaSense.Hosting;

/// <summary>Adds Redis to the app model.</summary>
public static class RedisBuilderExtensions
{
    /// <summary>A Redis 7 server (redis-server, no persistence) unless <c>ConnectionStrings:{name}</c> points at one.</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new RedisResource(name));
}
