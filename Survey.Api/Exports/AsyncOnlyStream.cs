namespace Survey.Api.Exports;

/// <summary>
/// Wraps the response body for writers that make a few small synchronous writes (SpreadCheetah's zip entry headers
/// and central directory): those are held back and sent with the next asynchronous write or flush, since the
/// server refuses synchronous I/O. Large data goes through asynchronously as it comes, so the file still streams.
/// </summary>
public sealed class AsyncOnlyStream(Stream inner) : Stream
{
    private readonly MemoryStream pending = new();
    private long written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        pending.Write(buffer);
        written += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendPendingAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
        written += buffer.Length;
    }

    /// <summary>Synchronous flushes are deferred to the next asynchronous one.</summary>
    public override void Flush() { }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendPendingAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async Task SendPendingAsync(CancellationToken cancellationToken)
    {
        if (pending.Length == 0) return;
        await inner.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
        pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
