using System.IO.Compression;

namespace VitaSense.Ingestion.Services.Sync;

/// <summary>
/// A read-only pass-through over a request body that gzips a copy of the bytes as they are read, for the raw
/// backup, and refuses a body longer than the limit. <see cref="TakeCaptured"/> closes the current gzip member and
/// hands it over, so each backup block decompresses on its own. Compressing while reading keeps the copy a
/// fraction of the body's size instead of another buffer as large as a batch's share of it.
/// </summary>
public sealed class RawCaptureStream(Stream inner, long maxBytes) : Stream
{
    private MemoryStream compressed = new();
    private GZipStream? gzip;
    private int capturedLength;

    /// <summary>Bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The bytes read since the previous call, as one gzip member, and their uncompressed length.</summary>
    public (byte[] Compressed, int RawLength) TakeCaptured()
    {
        if (gzip is null)
        {
            return ([], 0);
        }
        gzip.Dispose();
        gzip = null;
        var result = (compressed.ToArray(), capturedLength);
        compressed.SetLength(0);
        capturedLength = 0;
        return result;
    }

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Capture(buffer.Span[..read]);
        return read;
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Capture(buffer.AsSpan(offset, read));
        return read;
    }

    private void Capture(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return;
        }
        BytesRead += bytes.Length;
        if (BytesRead > maxBytes)
        {
            throw new PayloadTooLargeException(maxBytes);
        }
        // gzip at its fastest level: the backup must not slow ingestion down, and JSON still shrinks several-fold.
        gzip ??= new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true);
        gzip.Write(bytes);
        capturedLength += bytes.Length;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gzip?.Dispose();
            compressed.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
