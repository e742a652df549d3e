namespace VitaSense.Agents.Evaluation.Commands;

/// <summary>Parses the verb and its --options and dispatches to the matching command.</summary>
public static class CommandLine
{
    private const string Usage = """
        usage:
          detect   --data <folder of category folders> --out <folder>
          score    --data <nab folder> --results <folder> [--profile standard|reward_low_fp|reward_low_fn]
          evaluate --data <nab folder>
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = ParseOptions(args.AsSpan(1));
        try
        {
            return args[0] switch
            {
                "detect" => DetectCommand.Run(Required(options, "data"), Required(options, "out")),
                "score" => ScoreCommand.Run(
                    Required(options, "data"),
                    Required(options, "results"),
                    options.GetValueOrDefault("profile", "standard")),
                "evaluate" => EvaluateCommand.Run(Required(options, "data")),
                _ => Fail($"unknown command '{args[0]}'"),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidDataException)
        {
            return Fail(ex.Message);
        }
    }

    private static Dictionary<string, string> ParseOptions(ReadOnlySpan<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--name value', got '{args[i]}'");
            }

            options[args[i][2..]] = args[++i];
        }

        return options;
    }

    private static string Required(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? value : throw new ArgumentException($"missing --{name}");

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
