using System.Buffers;
using CheckTraining.Mcp.Caching;

namespace CheckTraining.Mcp.Tests.Caching;

/// <summary>The stored form of a read: round-trips exactly, and is compact.</summary>
public sealed class CachedReadSerializerTests
{
    [Fact]
    public void A_read_round_trips_and_a_typical_W_and_B_answer_shrinks_several_times()
    {
        var body = "{\"project\":{\"run\":{\"sampledHistory\":[" + string.Join(",", Enumerable.Range(0, 500).Select(i => $"\"{{\\\"_step\\\":{i},\\\"batch/loss\\\":{1.0 / (i + 1):0.000000}}}\"")) + "]}}}";
        var read = new CachedRead(body, DateTimeOffset.FromUnixTimeMilliseconds(1_764_460_000_123));
        var serializer = new CachedReadSerializer();
        var buffer = new ArrayBufferWriter<byte>();
        serializer.Serialize(read, buffer);

        Assert.Equal(read, serializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory)));
        Assert.True(buffer.WrittenCount * 3 < System.Text.Encoding.UTF8.GetByteCount(body), $"{buffer.WrittenCount} bytes stored for {body.Length}");
        Assert.Throws<InvalidDataException>(() => serializer.Deserialize(new ReadOnlySequence<byte>(new byte[] { 9, 1, 2 })));
    }
}
