using System.Globalization;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Hosting.Commands;

/// <summary><c>token --user &lt;id&gt; [--hours N]</c>: a development JWT for a user, signed with the AppHost's key.</summary>
internal static class TokenCommand
{
    private const string Usage = "dotnet run --project VitaSense.AppHost -- token --user <id> [--hours N]";

    public static Task<int> RunAsync(CommandContext context)
    {
        var user = context.Options.Required("user", Usage);
        var hours = context.Options.Get("hours") is { } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
                ? parsed
                : throw new CommandException($"--hours must be a positive number. Usage: {Usage}")
            : 8;
        var token = DevelopmentTokens.Mint(context.JwtSettings(), user, TimeSpan.FromHours(hours));
        Console.Error.WriteLine($"Development token for user '{user}', valid {hours.ToString(CultureInfo.InvariantCulture)} h (Authorization: Bearer <token>):");
        Console.Out.WriteLine(token);
        return Task.FromResult(0);
    }
}
