namespace VitaSense.Hosting.Commands;

/// <summary><c>--name value</c> pairs of a sub-command.</summary>
internal sealed class CommandOptions
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static CommandOptions Parse(string[] arguments)
    {
        var options = new CommandOptions();
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandException($"Unexpected argument '{argument}'.");
            }

            var separator = argument.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0)
            {
                options.values[argument[2..separator]] = argument[(separator + 1)..];
            }
            else if (i + 1 < arguments.Length)
            {
                options.values[argument[2..]] = arguments[++i];
            }
            else
            {
                throw new CommandException($"{argument} needs a value.");
            }
        }

        return options;
    }

    public string? Get(string name) => values.GetValueOrDefault(name);

    public string Required(string name, string usage) =>
        Get(name) is { Length: > 0 } value ? value : throw new CommandException($"--{name} is required. Usage: {usage}");
}
