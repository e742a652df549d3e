using System.Globalization;

namespace VitaSense.Ingestion.Benchmarks;

/// <summary>The command line: <c>[--size-mb N] [--days N] [--keep] [--cold] [--env NAME=VALUE]...</c>.</summary>
/// <param name="SizeMegabytes">Target export size; the number of days is chosen to reach it unless <paramref name="Days"/> is given.</param>
/// <param name="Days">Days of data, overriding the size target.</param>
/// <param name="Keep">Leave the generated export in the temp folder.</param>
/// <param name="ServiceEnvironment">Extra environment variables for the service, for experiments (e.g. <c>DOTNET_gcServer=0</c>).</param>
/// <param name="Cold">Skip the warm-up sync, so the first timed sync also pays for the service's JIT compilation.</param>
public sealed record BenchmarkOptions(double SizeMegabytes, int? Days, bool Keep, IReadOnlyList<KeyValuePair<string, string>> ServiceEnvironment, bool Cold = false)
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project bench/VitaSense.Ingestion.Benchmarks -- [--size-mb 100] [--days N] [--keep] [--cold] [--env NAME=VALUE]...
          --size-mb  size of the generated export in MB (default 100)
          --days     days of data instead of a size (overrides --size-mb)
          --keep     keep the generated export file
          --cold     no warm-up sync: the timed first sync also compiles the service's code
          --env      an environment variable for the service, for experiments (Sync__BatchSize=20000, DOTNET_gcServer=0)
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> naming what is wrong.</summary>
    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchmarkOptions(100, null, false, []);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--size-mb" => options with { SizeMegabytes = Positive(args, ++i, "--size-mb") },
                "--days" => options with { Days = (int)Positive(args, ++i, "--days") },
                "--keep" => options with { Keep = true },
                "--cold" => options with { Cold = true },
                "--env" => options with { ServiceEnvironment = [.. options.ServiceEnvironment, Variable(args, ++i)] },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        return options;
    }

    private static KeyValuePair<string, string> Variable(IReadOnlyList<string> args, int index) =>
        index < args.Count && args[index].Split('=', 2) is [{ Length: > 0 } name, var value]
            ? new(name, value)
            : throw new ArgumentException("--env needs NAME=VALUE");

    private static double Positive(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count && double.TryParse(args[index], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{name} needs a positive number");
}
