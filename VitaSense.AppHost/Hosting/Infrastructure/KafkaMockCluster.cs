using System.Runtime.InteropServices;
using System.Text;
using VitaSense.ServiceDefaults.Messaging;

namespace VitaSense.Hosting;

/// <summary>
/// librdkafka's mock cluster, hosted in this process through the same native library Confluent.Kafka uses.
/// It speaks the Kafka protocol on a real TCP port, so every client is the real client.
/// </summary>
internal sealed unsafe class KafkaMockCluster : IDisposable
{
    private const int ProducerType = 0;

    private readonly nint handle;
    private readonly nint cluster;
    private readonly delegate* unmanaged<nint, byte*, int, int, int> topicCreate;
    private readonly delegate* unmanaged<nint, void> clusterDestroy;
    private readonly delegate* unmanaged<nint, int, int> brokerSetDown;
    private readonly delegate* unmanaged<nint, int, int> brokerSetUp;
    private readonly delegate* unmanaged<nint, void> destroy;
    private bool disposed;

    private KafkaMockCluster(nint handle, nint cluster, string bootstrapServers, nint library)
    {
        this.handle = handle;
        this.cluster = cluster;
        BootstrapServers = bootstrapServers;
        topicCreate = (delegate* unmanaged<nint, byte*, int, int, int>)NativeLibrary.GetExport(library, "rd_kafka_mock_topic_create");
        clusterDestroy = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "rd_kafka_mock_cluster_destroy");
        destroy = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "rd_kafka_destroy");
        brokerSetDown = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "rd_kafka_mock_broker_set_down");
        brokerSetUp = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(library, "rd_kafka_mock_broker_set_up");
    }

    /// <summary>host:port of the mock broker.</summary>
    public string BootstrapServers { get; }

    /// <summary>Starts a one-broker mock cluster.</summary>
    public static KafkaMockCluster Start()
    {
        var library = KafkaNativeLibrary.Handle;
        var confNew = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "rd_kafka_conf_new");
        var confSet = (delegate* unmanaged<nint, byte*, byte*, byte*, nuint, int>)NativeLibrary.GetExport(library, "rd_kafka_conf_set");
        var kafkaNew = (delegate* unmanaged<int, nint, byte*, nuint, nint>)NativeLibrary.GetExport(library, "rd_kafka_new");
        var mockNew = (delegate* unmanaged<nint, int, nint>)NativeLibrary.GetExport(library, "rd_kafka_mock_cluster_new");
        var bootstraps = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "rd_kafka_mock_cluster_bootstraps");

        var error = stackalloc byte[512];
        var conf = confNew();
        // Errors only: the mock cluster's own chatter is not the app's output.
        fixed (byte* name = "log_level\0"u8, value = "3\0"u8)
        {
            if (confSet(conf, name, value, error, 512) != 0)
            {
                throw new DistributedApplicationException($"Kafka mock cluster: {Marshal.PtrToStringUTF8((nint)error)}");
            }
        }

        // rd_kafka_new takes ownership of conf on success.
        var rk = kafkaNew(ProducerType, conf, error, 512);
        if (rk == 0)
        {
            throw new DistributedApplicationException($"Kafka mock cluster: {Marshal.PtrToStringUTF8((nint)error)}");
        }

        var cluster = mockNew(rk, 1);
        if (cluster == 0)
        {
            ((delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "rd_kafka_destroy"))(rk);
            throw new DistributedApplicationException("Kafka mock cluster could not be created.");
        }

        var servers = Marshal.PtrToStringUTF8((nint)bootstraps(cluster)) ?? throw new DistributedApplicationException("Kafka mock cluster has no bootstrap address.");
        return new KafkaMockCluster(rk, cluster, servers, library);
    }

    /// <summary>Creates a topic; creating an existing one is not an error.</summary>
    public void CreateTopic(string topic, int partitions)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var bytes = Encoding.UTF8.GetBytes(topic + "\0");
        fixed (byte* name = bytes)
        {
            var code = topicCreate(cluster, name, partitions, 1);
            // 36 = RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS.
            if (code is not 0 and not 36)
            {
                throw new DistributedApplicationException($"Kafka mock cluster could not create topic {topic} (error {code}).");
            }
        }
    }

    /// <summary>
    /// Takes the broker down (its connections are closed and new ones refused, as when a real broker stops) or
    /// brings it back on the same address: how tests show that producers ride out a broker outage.
    /// </summary>
    public void SetAvailable(bool available)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        // The mock cluster numbers its brokers from 1; it has one.
        var code = available ? brokerSetUp(cluster, 1) : brokerSetDown(cluster, 1);
        if (code != 0)
        {
            throw new DistributedApplicationException($"Kafka mock cluster could not set the broker {(available ? "up" : "down")} (error {code}).");
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        clusterDestroy(cluster);
        destroy(handle);
    }
}
