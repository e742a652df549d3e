using Microsoft.Extensions.Configuration;
using VitaSense.ServiceDefaults.Authentication;

namespace VitaSense.Hosting.Commands;

/// <summary>What a sub-command runs with.</summary>
internal sealed record CommandContext(CommandOptions Options, IConfiguration Configuration, string StateDirectory, CancellationToken CancellationToken)
{
    /// <summary>The development key of this AppHost's state folder; it exists once the app has run once.</summary>
    public JwtSettings JwtSettings()
    {
        var key = DevelopmentSigningKey.Read(StateDirectory)
            ?? throw new CommandException($"No development signing key in {StateDirectory}: run the AppHost once first (dotnet run --project VitaSense.AppHost).");
        return ServiceDefaults.Authentication.JwtSettings.Development(Convert.FromBase64String(key));
    }
}
