using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Hosting.Stdio;

/// <summary>
/// Newline-delimited JSON-RPC over a pair of streams, like the SDK's stream transport, with bounded input: a line longer
/// than Stdio:MaxMessageBytes is answered with a JSON-RPC error and discarded as it streams in (only its first bytes are
/// kept, to find its id), and a line that is not JSON is answered with -32700. A big line's buffer is dropped afterwards,
/// so memory returns to what the usual messages need.
/// </summary>
internal sealed class BoundedStreamServerTransport : TransportBase
{
    private const int ChunkBytes = 64 * 1024;
    private const int KeptLineBytes = 1024 * 1024; // a line buffer grown past this is not kept for the next line

    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType =
        (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));

    private readonly Stream _input;
    private readonly Stream _output;
    private readonly int _maxMessageBytes;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _reading;
    private int _disposed;

    public BoundedStreamServerTransport(Stream input, Stream output, int maxMessageBytes, ILoggerFactory? loggerFactory)
        : base("Server (stdio, bounded)", loggerFactory)
    {
        _input = input;
        _output = output;
        _maxMessageBytes = maxMessageBytes;
        _logger = loggerFactory?.CreateLogger<BoundedStreamServerTransport>() ?? NullLogger<BoundedStreamServerTransport>.Instance;
        SetConnected();
        _reading = Task.Run(ReadLoopAsync);
    }

    public override async Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default)
    {
        if (IsConnected)
        {
            await WriteLineAsync(JsonSerializer.SerializeToUtf8Bytes(message, MessageType), newline: true, cancellationToken);
        }
    }

    private async Task WriteLineAsync(byte[] bytes, bool newline, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _output.WriteAsync(bytes, cancellationToken);
            if (newline)
            {
                await _output.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }

            await _output.FlushAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new IOException("Failed to send message.", ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var token = _shutdown.Token;
        var chunk = new byte[ChunkBytes];
        var line = new LineBuffer(_maxMessageBytes);
        Exception? error = null;
        try
        {
            while (!token.IsCancellationRequested)
            {
                // Console streams ignore cancellation; WaitAsync lets shutdown end the loop anyway.
                var read = await _input.ReadAsync(chunk, token).AsTask().WaitAsync(token);
                if (read == 0)
                {
                    if (line.HasContent)
                    {
                        await CompleteLineAsync(line, token); // a last line without its newline
                    }

                    break;
                }

                var data = chunk.AsMemory(0, read);
                while (!data.IsEmpty)
                {
                    var newline = data.Span.IndexOf((byte)'\n');
                    line.Append(newline < 0 ? data.Span : data.Span[..newline]);
                    if (newline < 0)
                    {
                        break;
                    }

                    await CompleteLineAsync(line, token);
                    data = data[(newline + 1)..];
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
        catch (Exception ex)
        {
            error = ex;
            _logger.LogError(ex, "Reading stdin failed");
        }
        finally
        {
            SetDisconnected(error);
        }
    }

    private async Task CompleteLineAsync(LineBuffer line, CancellationToken token)
    {
        try
        {
            if (line.Overflowed is { } total)
            {
                _logger.LogWarning("Discarded a {Bytes}-byte message: longer than Stdio:MaxMessageBytes ({Max} bytes)", total, _maxMessageBytes);
                await WriteLineAsync(JsonRpcErrorLine.Create(line.Prefix, JsonRpcErrorLine.InvalidRequest,
                    $"Message too large: {total} bytes, over the server's limit of {_maxMessageBytes} bytes (Stdio:MaxMessageBytes). It was discarded."),
                    newline: false, token);
                return;
            }

            var content = line.Content;
            if (content.Length > 0 && content[^1] == (byte)'\r')
            {
                content = content[..^1];
            }

            if (content.Trim(" \t"u8).IsEmpty)
            {
                return;
            }

            JsonRpcMessage? message;
            try
            {
                message = JsonSerializer.Deserialize(content, MessageType);
            }
            catch (JsonException ex)
            {
                _logger.LogWarning("Answered -32700 to a line that is not a JSON-RPC message ({Error})", ex.Message);
                await WriteLineAsync(JsonRpcErrorLine.Create(content[..Math.Min(content.Length, JsonRpcErrorLine.IdPrefixBytes)],
                    JsonRpcErrorLine.ParseError, "Parse error: the line is not a valid JSON-RPC message."), newline: false, token);
                return;
            }

            if (message is not null)
            {
                await WriteMessageAsync(message, token);
            }
        }
        finally
        {
            line.Reset();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync();
        try
        {
            await _reading;
        }
        catch (OperationCanceledException)
        {
            // stopped
        }

        await _input.DisposeAsync();
        await _output.DisposeAsync();
        _shutdown.Dispose();
        _sendLock.Dispose();
        SetDisconnected();
    }

    /// <summary>One line's bytes up to the limit; past it, only the count and the first bytes (for the id) are kept.</summary>
    private sealed class LineBuffer(int max)
    {
        private byte[] _bytes = new byte[ChunkBytes];
        private int _length;
        private long _overflowTotal = -1;

        public bool HasContent => _length > 0 || _overflowTotal >= 0;

        public long? Overflowed => _overflowTotal >= 0 ? _overflowTotal : null;

        public ReadOnlySpan<byte> Content => _bytes.AsSpan(0, _length);

        public ReadOnlySpan<byte> Prefix => _bytes.AsSpan(0, Math.Min(_length, JsonRpcErrorLine.IdPrefixBytes));

        public void Append(ReadOnlySpan<byte> part)
        {
            if (_overflowTotal >= 0)
            {
                _overflowTotal += part.Length;
                return;
            }

            if ((long)_length + part.Length > max)
            {
                // Keep only the start (for the id); count the rest as it streams past.
                _overflowTotal = (long)_length + part.Length;
                var keep = Math.Min(JsonRpcErrorLine.IdPrefixBytes - Math.Min(_length, JsonRpcErrorLine.IdPrefixBytes), part.Length);
                Grow(_length + keep);
                part[..keep].CopyTo(_bytes.AsSpan(_length));
                _length = Math.Min(_length + keep, JsonRpcErrorLine.IdPrefixBytes);
                return;
            }

            Grow(_length + part.Length);
            part.CopyTo(_bytes.AsSpan(_length));
            _length += part.Length;
        }

        public void Reset()
        {
            _length = 0;
            _overflowTotal = -1;
            if (_bytes.Length > KeptLineBytes)
            {
                _bytes = new byte[ChunkBytes]; // give a big line's memory back
            }
        }

        private void Grow(int needed)
        {
            if (needed > _bytes.Length)
            {
                Array.Resize(ref _bytes, (int)Math.Min(Math.Max(needed, (long)_bytes.Length * 2), max));
            }
        }
    }
}
