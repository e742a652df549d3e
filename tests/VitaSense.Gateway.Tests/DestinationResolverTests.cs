using System.Net;
using Microsoft.Extensions.ServiceDiscovery;
using VitaSense.Gateway.Infrastructure;

namespace VitaSense.Gateway.Tests;

public sealed class DestinationResolverTests
{
    [Fact]
    public void Uri_endpoint_replaces_scheme_host_and_port()
    {
        var uri = ServiceDiscoveryDestinationResolver.Rebase(new Uri("http://ingestion"), new UriEndPoint(new Uri("https://10.0.0.5:8443")));

        Assert.Equal("https://10.0.0.5:8443/", uri.ToString());
    }

    [Fact]
    public void Dns_endpoint_without_port_keeps_the_scheme_default()
    {
        var uri = ServiceDiscoveryDestinationResolver.Rebase(new Uri("http://ingestion"), new DnsEndPoint("ingestion.svc.cluster.local", 0));

        Assert.Equal("http://ingestion.svc.cluster.local/", uri.ToString());
    }

    [Fact]
    public void Ipv6_endpoint_is_bracketed()
    {
        var uri = ServiceDiscoveryDestinationResolver.Rebase(new Uri("http://agents"), new IPEndPoint(IPAddress.IPv6Loopback, 5001));

        Assert.Equal("http://[::1]:5001/", uri.ToString());
    }
}
