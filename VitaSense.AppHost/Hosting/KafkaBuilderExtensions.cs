namespace VitaSense.Hosting;

/// <summary>Adds Kafka to the app model.</summary>
public static class KafkaBuilderExtensions
{
    /// <summary>
    /// A Kafka cluster: librdkafka's mock cluster in the engine's process, with every platform topic created,
    /// unless <c>ConnectionStrings:{name}</c> names bootstrap servers of a real cluster.
    /// </summary>
    public static IResourceBuilder<KafkaServerResource> AddKafka(this IDistributedApplicationBuilder builder, string name) =>
        builder.AddResource(new KafkaServerResource(name));
}
