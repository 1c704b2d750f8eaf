using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;

namespace CheckTraining.Mcp.Caching;

/// <summary>Source-generated metadata for what the cache stores (Native AOT has no reflection-based JSON).</summary>
[JsonSerializable(typeof(CachedRead))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;

/// <summary>
/// Gives HybridCache a source-generated serializer for every type <see cref="CacheJsonContext"/> knows; without it the
/// first cache write throws under Native AOT, even with no second level.
/// </summary>
internal sealed class SourceGeneratedCacheSerializers : IHybridCacheSerializerFactory
{
    public bool TryCreateSerializer<T>([NotNullWhen(true)] out IHybridCacheSerializer<T>? serializer)
    {
        if (CacheJsonContext.Default.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> info)
        {
            serializer = new Serializer<T>(info);
            return true;
        }

        serializer = null;
        return false;
    }

    private sealed class Serializer<T>(JsonTypeInfo<T> info) : IHybridCacheSerializer<T>
    {
        public T Deserialize(ReadOnlySequence<byte> source)
        {
            var reader = new Utf8JsonReader(source);
            return JsonSerializer.Deserialize(ref reader, info)!;
        }

        public void Serialize(T value, IBufferWriter<byte> target)
        {
            using var writer = new Utf8JsonWriter(target);
            JsonSerializer.Serialize(writer, value, info);
        }
    }
}
