using System.Collections.Concurrent;
using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// Records every message the server sends, in the order it arrives on the wire, before the client dispatches it (the
/// SDK client runs each notification's handler on its own task, so handler order is not arrival order).
/// </summary>
public sealed class RecordingClientTransport(IClientTransport inner) : IClientTransport
{
    public ConcurrentQueue<JsonRpcMessage> Received { get; } = new();

    public string Name => inner.Name;

    public async Task<ITransport> ConnectAsync(CancellationToken cancellationToken = default) =>
        new Recording(await inner.ConnectAsync(cancellationToken), Received);

    private sealed class Recording : ITransport
    {
        private readonly ITransport _inner;
        private readonly Channel<JsonRpcMessage> _channel = Channel.CreateUnbounded<JsonRpcMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        private readonly Task _pump;

        public Recording(ITransport inner, ConcurrentQueue<JsonRpcMessage> received)
        {
            _inner = inner;
            _pump = Task.Run(async () =>
            {
                try
                {
                    await foreach (var message in inner.MessageReader.ReadAllAsync())
                    {
                        received.Enqueue(message);
                        await _channel.Writer.WriteAsync(message);
                    }
                }
                finally
                {
                    _channel.Writer.TryComplete();
                }
            });
        }

        public string? SessionId => _inner.SessionId;

        public ChannelReader<JsonRpcMessage> MessageReader => _channel.Reader;

        public Task SendMessageAsync(JsonRpcMessage message, CancellationToken cancellationToken = default) => _inner.SendMessageAsync(message, cancellationToken);

        public async ValueTask DisposeAsync()
        {
            await _inner.DisposeAsync();
            await _pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
