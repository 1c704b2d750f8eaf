using System.Globalization;
using System.Text;

namespace CheckTraining.Mcp.Modal;

/// <summary>One entry of <c>modal volume ls --json</c>: sizes are rounded strings and times minute-precision text.</summary>
public sealed record VolumeEntry(string Path, string Name, string Type, string? SizeText, HumanSize? Size, string? ModifiedText, DateTimeOffset? Modified)
{
    /// <summary>
    /// Parses JSON in both key styles, or (for CLIs that ignore --json when piped) one path per line. Anything else, such
    /// as a rendered table or terminal escape codes, is an error rather than a list of made-up "files".
    /// </summary>
    public static IReadOnlyList<VolumeEntry> ParseListing(string stdout)
    {
        var trimmed = stdout.TrimStart();
        if (!trimmed.StartsWith('['))
        {
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.FirstOrDefault(l => !LooksLikePath(l)) is { } bad)
            {
                throw new ModalCliException(ModalErrorKind.BadOutput,
                    $"modal volume ls printed neither JSON nor one path per line (got: '{Sample(bad)}'). This Modal CLI version may be " +
                    "unsupported; check `modal --version` and upgrade with `pip install -U modal`.");
            }

            return lines.Select(p => new VolumeEntry(p, LastSegment(p), "file", null, null, null, null)).ToList();
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

    /// <summary>A path has no control characters (escape codes), no box-drawing (table borders) and no column gaps.</summary>
    private static bool LooksLikePath(string line) =>
        !line.Any(c => char.IsControl(c) || c is >= '\u2500' and <= '\u259F') && !line.Contains("  ", StringComparison.Ordinal);

    private static string Sample(string line)
    {
        var printable = new string(line.Where(c => !char.IsControl(c)).ToArray());
        return printable.Length > 80 ? printable[..80] + "..." : printable;
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
