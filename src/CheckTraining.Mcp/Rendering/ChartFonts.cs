namespace CheckTraining.Mcp.Rendering;

/// <summary>
/// Registers the bundled DejaVu Sans (regular and bold: titles and axis labels are bold) once, and makes it the
/// default. Without fonts SkiaSharp draws no text at all and reports nothing, as in minimal containers, so charts never
/// use system fonts. See Fonts/README.md.
/// </summary>
internal static class ChartFonts
{
    public const string Family = "CheckTraining Sans";

    private static readonly Lazy<bool> Registered = new(Register);

    public static void EnsureRegistered() => _ = Registered.Value;

    private static bool Register()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fonts");
        var regular = Path.Combine(folder, "DejaVuSans.ttf");
        var bold = Path.Combine(folder, "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular) || !File.Exists(bold))
        {
            throw new UserFacingException("FontsMissing",
                $"The chart fonts are missing from {folder} (DejaVuSans.ttf, DejaVuSans-Bold.ttf); reinstall the server, they ship beside the binary.");
        }

        ScottPlot.Fonts.AddFontFile(Family, regular, bold: false, italic: false);
        ScottPlot.Fonts.AddFontFile(Family, bold, bold: true, italic: false);
        ScottPlot.Fonts.Default = Family;
        return true;
    }
}
