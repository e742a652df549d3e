namespace VitaSense.Hosting;

/// <summary>A Kafka cluster: librdkafka's mock cluster hosted in the engine's process, or an existing cluster.</summary>
public sealed class KafkaServerResource(string name) : Resource(name), IResourceWithConnectionString, IResourceWithWaitSupport
{
    /// <inheritdoc />
    public override string TypeName => "Kafka";
}
