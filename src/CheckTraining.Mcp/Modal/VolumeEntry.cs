using System.Globalization;
using System.Text;

namespace CheckTraining.Mcp.Modal;

/// <summary>One entry of <c>modal volume ls --json</c>: sizes are rounded strings and times minute-precision text.</summary>
public sealed record VolumeEntry(string Path, string Name, string Type, string? SizeText, HumanSize? Size, string? ModifiedText, DateTimeOffset? Modified)
{
    /// <summary>Parses JSON in both key styles, or (for CLIs that ignore --json when piped) one path per line.</summary>
    public static IReadOnlyList<VolumeEntry> ParseListing(string stdout)
    {
        var trimmed = stdout.TrimStart();
        if (!trimmed.StartsWith('['))
        {
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => new VolumeEntry(p, LastSegment(p), "file", null, null, null, null)).ToList();
        }

        return ModalJson.ParseRows(stdout, "modal volume ls").Select(row =>
        {
            var path = UnescapePython(ModalJson.Get(row, "filename") ?? "");
            var size = ModalJson.Get(row, "size");
            var modified = ModalJson.Get(row, "created_modified");
            return new VolumeEntry(path, LastSegment(path), ModalJson.Get(row, "type") ?? "file", size, HumanSize.Parse(size),
                modified, ModalJson.ParseTime(modified));
        }).ToList();
    }

    private static string LastSegment(string path) => path.TrimEnd('/').Split('/')[^1];

    /// <summary>Reverses Python's unicode_escape, which the CLI applies to file names since 0.64.125.</summary>
    internal static string UnescapePython(string s)
    {
        if (!s.Contains('\\', StringComparison.Ordinal))
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                sb.Append(s[i]);
                continue;
            }

            var kind = s[++i];
            var digits = kind switch { 'x' => 2, 'u' => 4, 'U' => 8, _ => 0 };
            if (digits > 0 && i + digits < s.Length
                && int.TryParse(s.AsSpan(i + 1, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                && code <= 0x10FFFF && code is < 0xD800 or > 0xDFFF)
            {
                sb.Append(char.ConvertFromUtf32(code));
                i += digits;
            }
            else
            {
                sb.Append(kind switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '\\' => '\\', _ => kind });
            }
        }

        return sb.ToString();
    }
}
