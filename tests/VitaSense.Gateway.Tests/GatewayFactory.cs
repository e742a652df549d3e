using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace VitaSense.Gateway.Tests;

/// <summary>
/// The gateway on real Kestrel (HTTP and HTTPS on free ports) in front of two real echo services standing in for
/// ingestion and agents, wired only through <c>services__*__http__0</c> as the AppHost would hand them over.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AllowedOrigin = "https://app.vitasense.test";

    /// <summary>Server-wide body limit for these tests; small so the test can exceed it cheaply.</summary>
    public const int MaxRequestBodyBytes = 512 * 1024;

    private readonly X509Certificate2 certificate = CreateCertificate();

    public EchoService Ingestion { get; private set; } = null!;

    public EchoService Agents { get; private set; } = null!;

    public EchoService Devices { get; private set; } = null!;

    public EchoService Tracking { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public HttpClient Https { get; private set; } = null!;

    protected virtual string AgentsUrl => Agents.Url;

    public async Task InitializeAsync()
    {
        Ingestion = await EchoService.StartAsync("ingestion");
        Agents = await EchoService.StartAsync("agents");
        Devices = await EchoService.StartAsync("devices");
        Tracking = await EchoService.StartAsync("tracking");
        UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        StartServer();

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        // The gateway's OpenTelemetry instruments every HttpClient in this process and would overwrite the traceparent a
        // test sets; without a propagator the test's client is not instrumented and sends its headers as written.
        Http = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = new Uri(addresses.Single(a => a.StartsWith("http://", StringComparison.Ordinal))), Timeout = TimeSpan.FromSeconds(30) };
        Https = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == certificate.Thumbprint })
        {
            BaseAddress = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal))),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("services:ingestion:http:0", Ingestion.Url);
        builder.UseSetting("services:agents:http:0", AgentsUrl);
        builder.UseSetting("services:devices:http:0", Devices.Url);
        builder.UseSetting("services:tracking:http:0", Tracking.Url);
        builder.UseSetting("Cors:AllowedOrigins:0", AllowedOrigin);
        builder.UseSetting("Gateway:MaxRequestBodyBytes", MaxRequestBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Http.Dispose();
        Https.Dispose();
        await DisposeAsync();
        await Ingestion.DisposeAsync();
        await Agents.DisposeAsync();
        await Devices.DisposeAsync();
        await Tracking.DisposeAsync();
        certificate.Dispose();
    }

    /// <summary>A URL on which nothing listens: a port the OS handed out and was given back.</summary>
    protected static string UnusedUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>The same gateway, but the agents service it points at is not running.</summary>
public sealed class DeadAgentsGatewayFactory : GatewayFactory
{
    private readonly string deadUrl = UnusedUrl();

    protected override string AgentsUrl => deadUrl;
}
