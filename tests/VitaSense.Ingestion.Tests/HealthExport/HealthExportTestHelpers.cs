using System.Text;
using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>Reads payloads through <see cref="HealthExportReader"/> for the tests.</summary>
internal static class HealthExportTestHelpers
{
    public static async Task<List<HealthExportItem>> ReadAllAsync(Stream stream, int bufferSize = 16 * 1024)
    {
        var items = new List<HealthExportItem>();
        await foreach (var item in new HealthExportReader(stream, bufferSize).ReadAsync())
        {
            items.Add(item);
        }
        return items;
    }

    // Tiny chunks and a tiny starting buffer put every token and entry across block boundaries.
    public static Task<List<HealthExportItem>> ReadAllAsync(string json) =>
        ReadAllAsync(new NonSeekableStream(new MemoryStream(Encoding.UTF8.GetBytes(json)), maxChunk: 3), bufferSize: 16);

    public static string Metrics(params string[] metrics) => $$$"""{"data":{"metrics":[{{{string.Join(",", metrics)}}}],"workouts":[]}}""";

    public static string Metric(string name, string units, params string[] points) =>
        $$"""{"name":"{{name}}","units":"{{units}}","data":[{{string.Join(",", points)}}]}""";
}
