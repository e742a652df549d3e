using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VitaSense.AppHost.Tests;

/// <summary>The AppHost's sub-commands, run as a developer runs them.</summary>
public sealed class CommandTests : IDisposable
{
    private readonly string state = Directory.CreateTempSubdirectory("vitasense-engine-commands-").FullName;
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    public CommandTests() => File.WriteAllText(Path.Combine(state, "jwt-signing-key"), Convert.ToBase64String(key));

    public void Dispose() => Directory.Delete(state, recursive: true);

    [Fact]
    public async Task Token_prints_a_jwt_for_the_user_signed_with_the_development_key_on_its_last_line()
    {
        var (exitCode, output) = await RunAppHostAsync("token", "--user", "user-42", "--hours", "2");

        Assert.Equal(0, exitCode);
        var token = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "vitasense-dev",
            ValidAudience = "vitasense",
            IssuerSigningKey = new SymmetricSecurityKey(key),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("user-42", result.Claims["sub"]);
        var lifetime = ((JsonWebToken)result.SecurityToken).ValidTo - ((JsonWebToken)result.SecurityToken).ValidFrom;
        Assert.Equal(TimeSpan.FromHours(2), lifetime);
    }

    [Fact]
    public async Task Token_reads_the_state_folder_given_on_its_command_line_like_the_run_it_mints_for()
    {
        var other = Directory.CreateTempSubdirectory("vitasense-engine-commands-other-").FullName;
        try
        {
            var otherKey = RandomNumberGenerator.GetBytes(32);
            File.WriteAllText(Path.Combine(other, "jwt-signing-key"), Convert.ToBase64String(otherKey));

            var (exitCode, output) = await RunAppHostAsync("token", "--user", "user-42", $"--AppHost:StateDirectory={other}");

            Assert.Equal(0, exitCode);
            var token = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last().Trim();
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = "vitasense-dev",
                ValidAudience = "vitasense",
                IssuerSigningKey = new SymmetricSecurityKey(otherKey),
            });
            Assert.True(result.IsValid, result.Exception?.Message);
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public async Task Apikey_without_a_running_system_says_so_and_fails()
    {
        var (exitCode, output) = await RunAppHostAsync("apikey", "--user", "user-42");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("not running", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Token_without_a_user_explains_the_usage()
    {
        var (exitCode, output) = await RunAppHostAsync("token");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--user is required", output);
    }

    private async Task<(int ExitCode, string Output)> RunAppHostAsync(params string[] arguments)
    {
        using var cts = new CancellationTokenSource(TestModels.Timeout);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(new Projects.VitaSense_AppHost().AssemblyPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AppHost__StateDirectory"] = state;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cts.Token);
        var stderr = process.StandardError.ReadToEndAsync(cts.Token);
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stderr + await stdout);
    }
}
