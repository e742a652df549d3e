using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace VitaSense.Gateway.Infrastructure;

/// <summary>
/// Resolves YARP destination addresses such as <c>http://ingestion</c> through Microsoft.Extensions.ServiceDiscovery,
/// so the endpoints come from <c>services__ingestion__http__0</c> (or any other provider) and no host is written down
/// in the gateway's configuration. Stands in for Microsoft.Extensions.ServiceDiscovery.Yarp, which this feed lacks.
/// </summary>
public sealed class ServiceDiscoveryDestinationResolver(ServiceEndpointResolver resolver) : IDestinationResolver
{
    /// <inheritdoc />
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var resolved = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        var changeTokens = new List<IChangeToken>();
        foreach (var (name, config) in destinations)
        {
            var address = new Uri(config.Address);
            // The service name is scheme + host, as HttpClient service discovery uses it: "http://ingestion" asks for
            // the "http" endpoints of the "ingestion" service.
            var source = await resolver.GetEndpointsAsync(address.GetLeftPart(UriPartial.Authority), cancellationToken);
            changeTokens.Add(source.ChangeToken);
            foreach (var endpoint in source.Endpoints)
            {
                var target = Rebase(address, endpoint.EndPoint);
                resolved[$"{name}[{target.Authority}]"] = config with
                {
                    Address = target.ToString(),
                    Health = config.Health is { Length: > 0 } health ? Rebase(new Uri(health), endpoint.EndPoint).ToString() : null,
                };
            }
        }

        return new ResolvedDestinationCollection(resolved, new CompositeChangeToken(changeTokens));
    }

    /// <summary><paramref name="address"/> with its scheme, host and port taken from a resolved endpoint.</summary>
    internal static Uri Rebase(Uri address, EndPoint endpoint)
    {
        var builder = new UriBuilder(address);
        switch (endpoint)
        {
            case UriEndPoint uri:
                builder.Scheme = uri.Uri.Scheme;
                builder.Host = uri.Uri.Host;
                builder.Port = uri.Uri.Port;
                break;
            case DnsEndPoint dns:
                builder.Host = dns.Host;
                builder.Port = dns.Port > 0 ? dns.Port : address.Port;
                break;
            case IPEndPoint ip:
                builder.Host = ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip.Address}]" : ip.Address.ToString();
                builder.Port = ip.Port;
                break;
            default:
                throw new NotSupportedException($"Service discovery returned an endpoint of type {endpoint.GetType().Name}, which the gateway cannot address.");
        }

        return builder.Uri;
    }
}
