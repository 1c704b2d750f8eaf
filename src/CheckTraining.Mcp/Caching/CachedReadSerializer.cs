using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Caching.Hybrid;

namespace CheckTraining.Mcp.Caching;

/// <summary>
/// How a <see cref="CachedRead"/> is stored in both cache levels, compact and reflection-free (Native AOT has no
/// reflection-based JSON): a version byte, the read time in Unix milliseconds, then the body as Brotli-compressed UTF-8.
/// W&amp;B's JSON answers shrink several times over, which is what a shared Redis holds for a team.
/// </summary>
internal sealed class CachedReadSerializer : IHybridCacheSerializer<CachedRead>
{
    private const byte Version = 1;

    public CachedRead Deserialize(ReadOnlySequence<byte> source)
    {
        var bytes = source.ToArray();
        if (bytes.Length < 9 || bytes[0] != Version)
        {
            throw new InvalidDataException("Unknown cache entry format."); // HybridCache treats it as a miss
        }

        var readAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(1, 8)));
        using var brotli = new BrotliStream(new MemoryStream(bytes, 9, bytes.Length - 9), CompressionMode.Decompress);
        using var reader = new StreamReader(brotli, Encoding.UTF8);
        return new CachedRead(reader.ReadToEnd(), readAt);
    }

    public void Serialize(CachedRead value, IBufferWriter<byte> target)
    {
        var header = target.GetSpan(9);
        header[0] = Version;
        BinaryPrimitives.WriteInt64LittleEndian(header[1..], value.ReadAt.ToUnixTimeMilliseconds());
        target.Advance(9);
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(Encoding.UTF8.GetBytes(value.Body));
        }

        target.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
    }
}
