using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Hosting.Commands;

/// <summary>
/// <c>apikey --user &lt;id&gt; [--device &lt;id&gt;] [--name &lt;n&gt;]</c>: creates an API key in the running system,
/// through the gateway, as that user (with a freshly minted development token).
/// </summary>
internal static class ApiKeyCommand
{
    private const string Usage = "dotnet run --project VitaSense.AppHost -- apikey --user <id> [--device <id>] [--name <name>]";

    public static async Task<int> RunAsync(CommandContext context)
    {
        var user = context.Options.Required("user", Usage);
        var device = context.Options.Get("device");
        var name = context.Options.Get("name") ?? (device is null ? "cli" : $"cli-{device}");

        var run = RunFile.ReadRunning(context.StateDirectory)
            ?? throw new CommandException("VitaSense is not running: start it with 'dotnet run --project VitaSense.AppHost' and try again.");
        var gateway = run.GatewayUrl ?? throw new CommandException("The running system has no gateway.");

        var token = DevelopmentTokens.Mint(context.JwtSettings(), user, TimeSpan.FromMinutes(5));
        using var http = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys")
        {
            Content = JsonContent.Create(new JsonObject { ["name"] = name, ["device_id"] = device }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, context.CancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CommandException($"The gateway at {gateway} did not answer ({e.Message}); is VitaSense still running?");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(context.CancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new CommandException($"Creating the API key failed: HTTP {(int)response.StatusCode} {body}");
            }

            var key = JsonNode.Parse(body)?["key"]?.GetValue<string>()
                ?? throw new CommandException($"The gateway's answer has no \"key\": {body}");
            Console.Error.WriteLine($"API key '{name}' for user '{user}'{(device is null ? "" : $", device '{device}'")} (shown once; send it as X-API-Key):");
            Console.Out.WriteLine(key);
            return 0;
        }
    }
}
