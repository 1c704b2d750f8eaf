using System.Buffers;
using System.Text;

namespace CheckTraining.Mcp.Modal;

/// <summary>Collects stdout up to a cap; past the cap it keeps draining (so the child never blocks) and flags truncation.</summary>
internal sealed class CappedOutput(int maxBytes)
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public bool Truncated { get; private set; }

    public async Task ReadAsync(Stream source, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            var room = maxBytes - _buffer.WrittenCount;
            if (room > 0)
            {
                _buffer.Write(chunk.AsSpan(0, Math.Min(room, read)));
            }

            Truncated |= read > room;
        }
    }

    public string Text => Encoding.UTF8.GetString(_buffer.WrittenSpan);
}
