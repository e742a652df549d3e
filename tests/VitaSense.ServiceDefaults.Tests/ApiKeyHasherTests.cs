using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.ServiceDefaults.Tests;

public class ApiKeyHasherTests
{
    [Fact]
    public void Hash_is_argon2id_in_phc_form_and_never_contains_the_secret()
    {
        var key = ApiKeySecret.Generate();

        var hash = ApiKeyHasher.Hash(key.Secret);

        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", hash);
        Assert.DoesNotContain(key.Secret, hash);
    }

    [Fact]
    public void Verify_accepts_the_secret_and_rejects_any_other()
    {
        var key = ApiKeySecret.Generate();
        var hash = ApiKeyHasher.Hash(key.Secret);

        Assert.True(ApiKeyHasher.Verify(key.Secret, hash));
        Assert.False(ApiKeyHasher.Verify(ApiKeySecret.Generate().Secret, hash));
        Assert.False(ApiKeyHasher.Verify(key.Secret[..^1] + (key.Secret[^1] == 'a' ? 'b' : 'a'), hash));
    }

    [Fact]
    public void Two_hashes_of_the_same_secret_differ_by_salt()
    {
        var secret = ApiKeySecret.Generate().Secret;

        Assert.NotEqual(ApiKeyHasher.Hash(secret), ApiKeyHasher.Hash(secret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text")]
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=16$m=19456,t=2,p=1$c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$m=lots,t=2,p=1$c2FsdGllc3RzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2$c2FsdGllc3RzYWx0$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$not*base64$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Verify_rejects_malformed_or_foreign_hashes(string stored)
    {
        Assert.False(ApiKeyHasher.Verify("secret", stored));
    }
}
