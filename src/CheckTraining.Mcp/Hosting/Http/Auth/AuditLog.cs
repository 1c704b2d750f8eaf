using System.Buffers;
using System.Text;
using System.Text.Json;

namespace CheckTraining.Mcp.Hosting.Http.Auth;

/// <summary>
/// One JSON line per tool call on stderr: time, caller, tool, run argument, outcome, W&amp;B requests and duration.
/// The caller is a subject or a key hash, never a token or a key.
/// </summary>
internal sealed class AuditLog(TextWriter writer, TimeProvider clock)
{
    private const int MaxRunLength = 200;

    public void Write(string caller, string tool, string? run, string outcome, int wandbRequests, TimeSpan elapsed)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("audit", "tool_call");
            json.WriteString("time", clock.GetUtcNow());
            json.WriteString("caller", caller);
            json.WriteString("tool", tool);
            if (run is not null)
            {
                json.WriteString("run", run.Length <= MaxRunLength ? run : run[..MaxRunLength] + "...");
            }

            json.WriteString("outcome", outcome);
            json.WriteNumber("wandbRequests", wandbRequests);
            json.WriteNumber("ms", Math.Round(elapsed.TotalMilliseconds));
            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.WrittenSpan);
        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }
}
