using System.Text.Json;

namespace VitaSense.Agents.Tests;

/// <summary>Reads <c>GET /agents/status</c> and waits for it to reach a state.</summary>
public static class AgentsStatus
{
    public static async Task<JsonElement> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/agents/status");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> WaitForAsync(HttpClient client, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var status = await GetAsync(client);
            if (condition(status))
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"/agents/status did not reach the expected state within {timeout}: {status}");
            await Task.Delay(100);
        }
    }
}
