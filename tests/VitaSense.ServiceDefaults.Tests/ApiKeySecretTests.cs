using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.ServiceDefaults.Tests;

public class ApiKeySecretTests
{
    [Fact]
    public void Generated_key_round_trips_through_parse()
    {
        var key = ApiKeySecret.Generate();

        Assert.True(ApiKeySecret.TryParse(key.Value, out var parsed));
        Assert.Equal(key, parsed);
        Assert.StartsWith("vsk_", key.Value);
    }

    [Fact]
    public void ToString_never_shows_the_secret()
    {
        var key = ApiKeySecret.Generate();

        Assert.DoesNotContain(key.Secret, key.ToString());
        Assert.Contains(key.KeyId, key.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("vsk_")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.abc")]
    [InlineData("vsk_abcdefghijkl-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq")]
    [InlineData("vsk_abcdefghij!l_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq")]
    [InlineData("xyz_abcdefghijkl_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq")]
    public void Malformed_keys_do_not_parse(string value)
    {
        Assert.False(ApiKeySecret.TryParse(value, out _));
    }
}
