using CheckTraining.Mcp.Modal;

namespace CheckTraining.Mcp.Tests.Modal;

public sealed class ModalParsingTests
{
    [Theory]
    [InlineData("512 B", 512, 0)]
    [InlineData("1.4 GiB", 1503238554, 53687092)]
    [InlineData("2.0 KiB", 2048, 52)]
    [InlineData("3.0 MiB", 3145728, 52429)]
    public void Human_sizes_parse_with_their_rounding_as_tolerance(string text, long bytes, long tolerance)
    {
        var size = HumanSize.Parse(text)!.Value;
        Assert.Equal(bytes, size.Bytes);
        Assert.Equal(tolerance, size.Tolerance);
        Assert.True(size.Matches(bytes + tolerance));
        Assert.False(size.Matches(bytes + tolerance + 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.4GiB")]
    [InlineData("lots")]
    [InlineData("-1 B")]
    public void Unparseable_sizes_are_null(string text) => Assert.Null(HumanSize.Parse(text));

    [Theory]
    [InlineData("Created at", "created_at")]
    [InlineData("created_at", "created_at")]
    [InlineData("App ID", "app_id")]
    [InlineData("Created/Modified", "created_modified")]
    public void Keys_of_every_CLI_version_normalise_alike(string key, string expected) => Assert.Equal(expected, ModalJson.NormalizeKey(key));

    [Theory]
    [InlineData("2025-08-12 11:00:00+00:00", "2025-08-12T11:00:00Z")]
    [InlineData("2025-08-12 07:00:00-04:00", "2025-08-12T11:00:00Z")]
    [InlineData("2025-08-12 11:00 UTC", "2025-08-12T11:00:00Z")]
    public void Timestamps_are_instants_in_UTC(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), ModalJson.ParseTime(text));

    [Fact]
    public void A_zone_abbreviation_other_than_UTC_is_not_guessed() => Assert.Null(ModalJson.ParseTime("2025-08-12 11:00 EST"));

    [Theory]
    [InlineData("ephemeral (detached)", "active")]
    [InlineData("running (detached)", "active")]
    [InlineData("deployed", "active")]
    [InlineData("initializing...", "starting")]
    [InlineData("stopping...", "stopping")]
    [InlineData("stopped", "ended")]
    [InlineData("disabled", "ended")]
    [InlineData("something new", "unknown")]
    public void App_states_map_leniently(string state, string phase) => Assert.Equal(phase, ModalAppParser.PhaseOf(state).Wire());

    [Theory]
    [InlineData(@"checkpoints/caf\xe9.pt", "checkpoints/café.pt")]
    [InlineData(@"a\u00e9b", "aéb")]
    [InlineData("plain.pt", "plain.pt")]
    [InlineData(@"back\\slash", @"back\slash")]
    public void Python_unicode_escapes_in_file_names_are_reversed(string text, string expected) =>
        Assert.Equal(expected, VolumeEntry.UnescapePython(text));

    [Fact]
    public void Old_CLIs_that_ignore_json_give_one_path_per_line()
    {
        var entries = VolumeEntry.ParseListing("checkpoints/run/latest.pt\ncheckpoints/run/best.pt\n");
        Assert.Equal(["latest.pt", "best.pt"], entries.Select(e => e.Name));
    }

    [Fact]
    public void A_pre_1_5_listing_is_read()
    {
        var entries = VolumeEntry.ParseListing("""[{"Filename": "checkpoints/r/latest.pt", "Type": "file", "Created/Modified": "2025-08-12 12:00 UTC", "Size": "1.4 GiB"}]""");
        var e = Assert.Single(entries);
        Assert.Equal("latest.pt", e.Name);
        Assert.Equal(1503238554, e.Size!.Value.Bytes);
        Assert.Equal(new DateTimeOffset(2025, 8, 12, 12, 0, 0, TimeSpan.Zero), e.Modified);
    }

    [Theory]
    [InlineData("┏━━━━━━━━┳━━━━━━┓\n┃ Filename ┃ Type ┃\n│ checkpoints/r/a.pt │ file │\n")]
    [InlineData("\u001b[1mcheckpoints/r/a.pt\u001b[0m\n")]
    [InlineData("Filename            Type   Size\ncheckpoints/r/a.pt  file   1.0 KiB\n")]
    public void A_table_or_escape_codes_from_volume_ls_are_an_error_not_files(string stdout)
    {
        var ex = Assert.Throws<CheckTraining.Mcp.Modal.ModalCliException>(() => VolumeEntry.ParseListing(stdout));
        Assert.Equal(CheckTraining.Mcp.Modal.ModalErrorKind.BadOutput, ex.Reason);
        Assert.Contains("modal --version", ex.Message);
        Assert.DoesNotContain("\u001b", ex.Message);
    }
}
