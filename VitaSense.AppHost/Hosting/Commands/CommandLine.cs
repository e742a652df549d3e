using Microsoft.Extensions.Configuration;

namespace VitaSense.Hosting.Commands;

/// <summary>The AppHost's sub-commands (first argument): <c>token</c> and <c>apikey</c>.</summary>
internal static class CommandLine
{
    private static readonly Dictionary<string, Func<CommandContext, Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["token"] = TokenCommand.RunAsync,
        ["apikey"] = ApiKeyCommand.RunAsync,
    };

    public static bool IsCommand(string argument) => Commands.ContainsKey(argument);

    public static async Task<int> RunAsync(string command, string[] arguments, IConfiguration configuration, string appName, CancellationToken cancellationToken)
    {
        try
        {
            var options = CommandOptions.Parse(arguments);
            return await Commands[command](new CommandContext(options, configuration, StateDirectory.Locate(configuration, appName), cancellationToken));
        }
        catch (CommandException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
