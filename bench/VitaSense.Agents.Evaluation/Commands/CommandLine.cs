namespace VitaSense.Agents.Evaluation.Commands;

/// <summary>Parses the verb and its --options and dispatches to the matching command.</summary>
public static class CommandLine
{
    private const string Usage = """
        usage:
          detect   --data <folder of category folders> --out <folder>
          score    --data <nab folder> --results <folder> [--profile standard|reward_low_fp|reward_low_fn]
          evaluate --data <nab folder>
          synthetic [--seeds 10]
          forecast  [--seeds 30] [--days 182]
          latency   [--points-per-second 5000] [--points-per-event 100] [--seconds 20] [--warmup 2]
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
                "synthetic" => SyntheticCommand.Run(Integer(options, "seeds", 10)),
                "forecast" => ForecastCommand.Run(Integer(options, "seeds", 30), Integer(options, "days", 182)),
                "latency" => LatencyCommand.Run(
                    Integer(options, "points-per-second", 5000),
                    Integer(options, "points-per-event", 100),
                    Integer(options, "seconds", 20),
                    Integer(options, "warmup", 2)),
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

    private static int Integer(Dictionary<string, string> options, string name, int fallback) =>
        !options.TryGetValue(name, out var text) ? fallback
        : int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new ArgumentException($"--{name} must be a positive integer, got '{text}'");

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
