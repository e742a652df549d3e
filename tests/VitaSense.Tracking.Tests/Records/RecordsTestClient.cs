using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace VitaSense.Tracking.Tests.Records;

/// <summary>HTTP helpers for the records tests: a client per user, JSON bodies, ProblemDetails field checks.</summary>
public static class RecordsTestClient
{
    /// <summary>A client authenticated as a new random user; returns the user id too.</summary>
    public static (HttpClient Client, string UserId) NewUser(TrackingFactory factory)
    {
        var userId = $"user-{Guid.NewGuid():N}";
        return (For(factory, userId), userId);
    }

    /// <summary>A client authenticated as <paramref name="userId"/>.</summary>
    public static HttpClient For(TrackingFactory factory, string userId)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.MintToken(userId));
        return client;
    }

    /// <summary>A JSON body from raw text.</summary>
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>A JSON body from an object (member names as written).</summary>
    public static StringContent Json(object body) => Json(JsonSerializer.Serialize(body));

    /// <summary>The response's JSON, after asserting its status.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a 400 ProblemDetails whose errors name <paramref name="field"/>; returns the errors.</summary>
    public static async Task<JsonElement> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var problem = await ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.MediaType ?? "");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), $"The errors do not name {field}: {errors}");
        return errors;
    }

    /// <summary>POSTs a JSON body and returns the created JSON (asserting 201).</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient client, string path, string json) =>
        await ReadAsync(await client.PostAsync(path, Json(json)), HttpStatusCode.Created);

    /// <summary>GETs JSON, asserting 200.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        await ReadAsync(await client.GetAsync(path), HttpStatusCode.OK);

    /// <summary>The ids of a page's items.</summary>
    public static List<string> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    /// <summary>PUTs a JSON body.</summary>
    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, string json) => client.PutAsync(path, Json(json));
}
