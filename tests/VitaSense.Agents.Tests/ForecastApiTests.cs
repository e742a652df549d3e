extern alias agents;

using System.Net;
using System.Text.Json;
using Npgsql;
using VitaSense.TestSupport;
using static VitaSense.Agents.Tests.InsightsEvents;
using AgentsProgram = agents::Program;

namespace VitaSense.Agents.Tests;

/// <summary><c>/forecast/{metric}</c> on daily values seeded straight into <c>agents.daily_values</c>.</summary>
[Collection(AgentsServiceCollection.Name)]
public sealed class ForecastApiTests(ServiceFactory<AgentsProgram> factory) : AgentsServiceTests(factory)
{
    private static readonly DateOnly FirstDay = new(2025, 3, 3);

    [Fact]
    public async Task Seventy_days_of_steps_give_a_seven_day_forecast_with_its_mase()
    {
        var userId = NewId("user");
        await SeedStepsAsync(userId, days: 70);
        using var client = Client(userId);

        using var response = await client.GetAsync("/forecast/step_count");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var forecast = document.RootElement;
        Assert.Equal("step_count", forecast.GetProperty("metric").GetString());
        Assert.Equal(7, forecast.GetProperty("horizon").GetInt32());
        Assert.Equal("sum", forecast.GetProperty("aggregation").GetString());
        Assert.Equal("seasonal_naive_7", forecast.GetProperty("baseline").GetString());
        Assert.Equal(70, forecast.GetProperty("history_days").GetInt32());
        var mase = forecast.GetProperty("mase").GetDouble();
        Assert.True(double.IsFinite(mase) && mase > 0, $"MASE {mase}");
        var points = forecast.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(7, points.Count);
        Assert.Equal(Enumerable.Range(70, 7).Select(i => FirstDay.AddDays(i).ToString("yyyy-MM-dd")), points.Select(p => p.GetProperty("day").GetString()));
        Assert.All(points, p =>
        {
            var value = p.GetProperty("value").GetDouble();
            Assert.InRange(value, p.GetProperty("lower").GetDouble(), p.GetProperty("upper").GetDouble());
            // The seeded weekly shape lies between 3,000 and 12,000 steps.
            Assert.InRange(value, 1_000, 15_000);
        });

        // Another user has no steps of their own, and never this user's.
        using var other = Client(NewId("user"));
        using var otherResponse = await other.GetAsync("/forecast/step_count");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherResponse.StatusCode);
    }

    [Fact]
    public async Task Too_little_history_is_unprocessable()
    {
        var userId = NewId("user");
        await SeedStepsAsync(userId, days: 30);
        using var client = Client(userId);

        using var response = await client.GetAsync("/forecast/step_count?horizon=3");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not enough history", problem.RootElement.GetProperty("title").GetString());
        Assert.Contains("30 days", problem.RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/forecast/step_count?horizon=20", "horizon")]
    [InlineData("/forecast/step_count?horizon=0", "horizon")]
    [InlineData("/forecast/Step-Count", "metric")]
    public async Task Bad_input_is_a_validation_problem_naming_the_field(string path, string field)
    {
        using var client = Client(NewId("user"));
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    /// <summary>Steps with a weekly rhythm (busy weekends), a slow upward trend and some noise.</summary>
    private async Task SeedStepsAsync(string userId, int days)
    {
        Factory.CreateClient().Dispose(); // the host migrates the schema at start
        var random = new Random(42);
        await WaitForTableAsync(Factory.DatabaseConnectionString, "agents.daily_values");
        await using var connection = new NpgsqlConnection(Factory.DatabaseConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < days; i++)
        {
            var day = FirstDay.AddDays(i);
            var weekend = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var steps = (weekend ? 10_000 : 6_000) + 20 * i + random.Next(-800, 800);
            await using var insert = new NpgsqlCommand(
                "INSERT INTO agents.daily_values (user_id, metric, day, sum, count, min, max, last, last_at) VALUES ($1, 'step_count', $2, $3, 24, 0, $3, 0, now())",
                connection);
            insert.Parameters.AddWithValue(userId);
            insert.Parameters.AddWithValue(day);
            insert.Parameters.AddWithValue((double)steps);
            await insert.ExecuteNonQueryAsync();
        }
    }
}
