using System.Diagnostics;
using VitaSense.Ingestion.Model.HealthExport;

namespace VitaSense.Ingestion.Tests.HealthExport;

/// <summary>
/// A benchmark payload is ~100 MB (a year of minute-level heart rate plus daily metrics): generating it must not be the bottleneck.
/// Runs alone (<see cref="SerialTimingCollection"/>) so tests running in parallel on the same cores do not skew the timing.
/// </summary>
[Collection(nameof(SerialTimingCollection))]
public sealed class HealthExportGenerationSpeedTests
{
    [Fact]
    public async Task Generating_runs_at_over_50_megabytes_a_second()
    {
        // Warm up the code paths first so JIT time is not counted; the best of two runs, since the machine is shared.
        await HealthExportPayloadGenerator.WriteAsync(Stream.Null, new HealthExportGeneratorOptions { Days = 30 });
        var best = TimeSpan.MaxValue;
        GeneratedPayloadSummary? summary = null;
        for (var run = 0; run < 2; run++)
        {
            var stream = new CountingStream();
            var watch = Stopwatch.StartNew();
            summary = await HealthExportPayloadGenerator.WriteAsync(stream, new HealthExportGeneratorOptions { Days = 120 });
            watch.Stop();
            Assert.Equal(summary.Bytes, stream.Length);
            best = watch.Elapsed < best ? watch.Elapsed : best;
        }

        Assert.True(summary!.Bytes > 20_000_000, $"{summary.Bytes} bytes");
        var megabytesPerSecond = summary.Bytes / 1e6 / best.TotalSeconds;
        Assert.True(megabytesPerSecond > 50, $"{summary.Bytes / 1e6:F1} MB in {best.TotalSeconds:F2} s = {megabytesPerSecond:F0} MB/s");
    }

    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
