using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using VitaSense.Tracking.Tests.Analytics;
using static VitaSense.Tracking.Tests.Analytics.InsightsTestData;

namespace VitaSense.Tracking.Tests.Goals;

/// <summary>/api/v1/goals: create, read, list, update, delete, validation naming the field, per-user isolation.</summary>
public sealed class GoalsApiTests(InsightsFactory factory) : IClassFixture<InsightsFactory>
{
    private const string Goals = "/api/v1/goals";

    public static JsonObject Body(Action<JsonObject>? change = null)
    {
        var body = new JsonObject
        {
            ["goal_type"] = "steps",
            ["target_value"] = 10000,
            ["target_date"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30).ToString("yyyy-MM-dd"),
            ["frequency"] = "daily",
            ["description"] = "Walk 10,000 steps daily",
            ["category"] = "fitness",
        };
        change?.Invoke(body);
        return body;
    }

    public static async Task<JsonElement> CreateAsync(HttpClient client, Action<JsonObject>? change = null)
    {
        var response = await client.PostAsync(Goals, Json(Body(change)));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await JsonAsync(response);
    }

    [Fact]
    public async Task A_goal_is_created_read_listed_updated_and_deleted()
    {
        var client = ClientFor(factory, NewUser());
        var response = await client.PostAsync(Goals, Json(Body()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/goals/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("steps", created.GetProperty("goal_type").GetString());
        Assert.Equal(10000, created.GetProperty("target_value").GetDouble());
        Assert.Equal("at_least", created.GetProperty("direction").GetString());
        Assert.Equal("daily", created.GetProperty("frequency").GetString());
        Assert.Equal("fitness", created.GetProperty("category").GetString());
        Assert.True(created.GetProperty("is_active").GetBoolean());

        var read = await JsonAsync(await client.GetAsync($"{Goals}/{id}"));
        Assert.Equal(Body()["target_date"]!.GetValue<string>(), read.GetProperty("target_date").GetString());
        Assert.Equal("Walk 10,000 steps daily", read.GetProperty("description").GetString());

        var updated = await client.PutAsync($"{Goals}/{id}", Json(new JsonObject { ["target_value"] = 12000, ["is_active"] = false }));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await JsonAsync(updated);
        Assert.Equal(12000, after.GetProperty("target_value").GetDouble());
        Assert.False(after.GetProperty("is_active").GetBoolean());
        Assert.Equal("steps", after.GetProperty("goal_type").GetString());
        Assert.Equal(12000, (await JsonAsync(await client.GetAsync($"{Goals}/{id}"))).GetProperty("target_value").GetDouble());

        var list = await JsonAsync(await client.GetAsync(Goals));
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetGuid());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Goals}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Goals}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{Goals}/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("weight", 70, "at_most")]
    [InlineData("resting_heart_rate", 60, "at_most")]
    [InlineData("sleep_hours", 8, "at_least")]
    [InlineData("workouts", 3, "at_least")]
    [InlineData("step_count", 8000, "at_least")]
    [InlineData("blood_glucose", 100, "at_least")]
    [InlineData("glucose", 100, "at_least")]
    public async Task The_direction_defaults_per_goal_type(string goalType, double target, string direction)
    {
        var client = ClientFor(factory, NewUser());
        var goal = await CreateAsync(client, b => { b["goal_type"] = goalType; b["target_value"] = target; });
        Assert.Equal(direction, goal.GetProperty("direction").GetString());
        var expectedType = goalType switch { "step_count" => "steps", "glucose" => "blood_glucose", _ => goalType };
        Assert.Equal(expectedType, goal.GetProperty("goal_type").GetString());
    }

    [Fact]
    public async Task The_direction_can_be_overridden_and_changing_the_type_takes_the_new_types_default()
    {
        var client = ClientFor(factory, NewUser());
        var goal = await CreateAsync(client, b => { b["goal_type"] = "weight"; b["target_value"] = 60; b["direction"] = "at_least"; });
        Assert.Equal("at_least", goal.GetProperty("direction").GetString());

        var id = goal.GetProperty("id").GetGuid();
        var changed = await JsonAsync(await client.PutAsync($"{Goals}/{id}", Json(new JsonObject { ["goal_type"] = "resting_heart_rate" })));
        Assert.Equal("at_most", changed.GetProperty("direction").GetString());
    }

    [Theory]
    [InlineData("goal_type", "\"levitation minutes\"")]
    [InlineData("goal_type", "42")]
    [InlineData("target_value", "0")]
    [InlineData("target_value", "-5")]
    [InlineData("target_value", "\"lots\"")]
    [InlineData("target_date", "\"2001-01-01\"")]
    [InlineData("target_date", "\"next year\"")]
    [InlineData("frequency", "\"hourly\"")]
    [InlineData("direction", "\"sideways\"")]
    [InlineData("is_active", "\"yes\"")]
    public async Task An_invalid_field_is_a_400_naming_it(string field, string json)
    {
        var client = ClientFor(factory, NewUser());
        var response = await client.PostAsync(Goals, Json(Body(b => b[field] = JsonNode.Parse(json))));
        await AssertNamesAsync(response, field);

        var goal = await CreateAsync(client);
        var update = await client.PutAsync($"{Goals}/{goal.GetProperty("id").GetGuid()}", Json(new JsonObject { [field] = JsonNode.Parse(json) }));
        await AssertNamesAsync(update, field);
    }

    [Theory]
    [InlineData("goal_type")]
    [InlineData("target_value")]
    [InlineData("target_date")]
    [InlineData("frequency")]
    public async Task A_missing_required_field_is_a_400_naming_it(string field)
    {
        var response = await ClientFor(factory, NewUser()).PostAsync(Goals, Json(Body(b => b.Remove(field))));
        await AssertNamesAsync(response, field);
    }

    [Fact]
    public async Task A_body_that_is_not_json_or_bad_query_parameters_are_a_400_naming_them()
    {
        var client = ClientFor(factory, NewUser());
        await AssertNamesAsync(await client.PostAsync(Goals, new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")), "body");
        await AssertNamesAsync(await client.GetAsync($"{Goals}?limit=0"), "limit");
        await AssertNamesAsync(await client.GetAsync($"{Goals}?is_active=maybe"), "is_active");
        var goal = await CreateAsync(client);
        await AssertNamesAsync(await client.GetAsync($"{Goals}/{goal.GetProperty("id").GetGuid()}/progress?periods=abc"), "periods");
    }

    [Fact]
    public async Task The_list_filters_by_is_active_and_is_paginated_newest_first()
    {
        var client = ClientFor(factory, NewUser());
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await CreateAsync(client, b => { b["target_value"] = 1000 * (i + 1); b["is_active"] = i % 2 == 0; })).GetProperty("id").GetGuid());
        }

        var active = await JsonAsync(await client.GetAsync($"{Goals}?is_active=true"));
        Assert.Equal(3, active.GetProperty("total").GetInt64());
        Assert.Equal([ids[4], ids[2], ids[0]], active.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()));
        var inactive = await JsonAsync(await client.GetAsync($"{Goals}?is_active=false"));
        Assert.Equal([ids[3], ids[1]], inactive.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()));

        var page = await JsonAsync(await client.GetAsync($"{Goals}?limit=2&offset=2"));
        Assert.Equal(5, page.GetProperty("total").GetInt64());
        Assert.Equal([ids[2], ids[1]], page.GetProperty("items").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Another_users_goal_is_not_found_on_every_endpoint_and_not_listed()
    {
        var owner = ClientFor(factory, NewUser());
        var other = ClientFor(factory, NewUser());
        var id = (await CreateAsync(owner)).GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Goals}/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsync($"{Goals}/{id}", Json(new JsonObject { ["target_value"] = 1 }))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Goals}/{id}/progress")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{Goals}/{id}")).StatusCode);
        Assert.Equal(0, (await JsonAsync(await other.GetAsync(Goals))).GetProperty("total").GetInt64());

        var unchanged = await JsonAsync(await owner.GetAsync($"{Goals}/{id}"));
        Assert.Equal(10000, unchanged.GetProperty("target_value").GetDouble());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(Goals)).StatusCode);
    }

    private static async Task AssertNamesAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonAsync(response);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"The problem does not name {field}: {problem}");
    }
}
