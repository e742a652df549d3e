using System.Net;
using static VitaSense.Tracking.Tests.Records.RecordsTestClient;

namespace VitaSense.Tracking.Tests.Records;

public sealed class ProfileApiTests(TrackingFactory factory) : IClassFixture<TrackingFactory>
{
    private const string Path = "/api/v1/profile";

    [Fact]
    public async Task An_unsaved_profile_has_defaults()
    {
        var (client, userId) = NewUser(factory);
        var profile = await GetAsync(client, Path);
        Assert.Equal(userId, profile.GetProperty("user_id").GetString());
        Assert.Equal("UTC", profile.GetProperty("time_zone").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, profile.GetProperty("birth_date").ValueKind);
    }

    [Fact]
    public async Task Put_saves_the_named_fields_and_keeps_the_others()
    {
        var (client, _) = NewUser(factory);
        var saved = await ReadAsync(await PutAsync(client, Path, """
            {"birth_date": "1990-05-17", "sex": "female", "height_cm": 168, "resting_heart_rate": 55, "max_heart_rate": 185, "time_zone": "Europe/Paris"}
            """), HttpStatusCode.OK);
        Assert.Equal("1990-05-17", saved.GetProperty("birth_date").GetString());
        Assert.True(saved.GetProperty("age").GetInt32() >= 35);

        await ReadAsync(await PutAsync(client, Path, """{"height_cm": 170}"""), HttpStatusCode.OK);
        var profile = await GetAsync(client, Path);
        Assert.Equal(170, profile.GetProperty("height_cm").GetDouble());
        Assert.Equal("female", profile.GetProperty("sex").GetString());
        Assert.Equal("Europe/Paris", profile.GetProperty("time_zone").GetString());
        Assert.Equal(185, profile.GetProperty("max_heart_rate").GetDouble());
    }

    [Theory]
    [InlineData("""{"time_zone": "Mars/Olympus_Mons"}""", "time_zone")]
    [InlineData("""{"birth_date": "2999-01-01"}""", "birth_date")]
    [InlineData("""{"birth_date": "17/05/1990"}""", "birth_date")]
    [InlineData("""{"sex": "robot"}""", "sex")]
    [InlineData("""{"height_cm": 900}""", "height_cm")]
    [InlineData("""{"height_cm": "tall"}""", "height_cm")]
    [InlineData("""{"resting_heart_rate": 10}""", "resting_heart_rate")]
    [InlineData("""{"resting_heart_rate": 80, "max_heart_rate": 70}""", "max_heart_rate")]
    public async Task Bad_fields_are_400_naming_the_field(string body, string field)
    {
        var (client, _) = NewUser(factory);
        await AssertFieldErrorAsync(await PutAsync(client, Path, body), field);
        // Nothing was saved.
        Assert.Equal("UTC", (await GetAsync(client, Path)).GetProperty("time_zone").GetString());
    }

    [Fact]
    public async Task A_profile_is_the_callers_own()
    {
        var (alice, _) = NewUser(factory);
        var (bob, _) = NewUser(factory);
        await ReadAsync(await PutAsync(alice, Path, """{"time_zone": "America/New_York", "height_cm": 180}"""), HttpStatusCode.OK);
        var bobs = await GetAsync(bob, Path);
        Assert.Equal("UTC", bobs.GetProperty("time_zone").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bobs.GetProperty("height_cm").ValueKind);
    }

    [Fact]
    public async Task Anonymous_callers_are_401()
    {
        var response = await factory.CreateClient().GetAsync(Path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
