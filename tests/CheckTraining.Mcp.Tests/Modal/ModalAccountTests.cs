using CheckTraining.Mcp.Configuration;
using CheckTraining.Mcp.Modal;
using Microsoft.Extensions.Options;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>
/// The Modal account's fingerprint, resolved as the CLI resolves credentials (reference modal-cli.md §10): the token
/// id from MODAL_TOKEN_ID, else the selected profile of the config file; the profile from MODAL_PROFILE, else the one
/// marked active, else "default".
/// </summary>
public sealed class ModalAccountTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ct-modal-account-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string TwoProfiles = """
        [work]
        token_id = "ak-work-111"
        token_secret = "as-work-secret"
        active = true

        [personal]
        token_id = "ak-personal-222"
        token_secret = "as-personal-secret"
        environment = "dev"
        """;

    private string File(string name, string toml)
    {
        var path = Path.Combine(_dir, name);
        System.IO.File.WriteAllText(path, toml);
        return path;
    }

    private static ModalAccount Account(string? path, string? tokenId = null, string? profile = null, string? environment = null, string? server = null) =>
        new(Options.Create(new ModalOptions { ConfigPath = path, TokenId = tokenId, Profile = profile, Environment = environment, ServerUrl = server }));

    [Fact]
    public void Two_config_files_with_different_active_accounts_have_different_fingerprints_and_the_same_account_the_same()
    {
        var work = Account(File("a.toml", TwoProfiles)).Fingerprint();
        var personal = Account(File("b.toml", TwoProfiles.Replace("active = true", "").Replace("environment = \"dev\"", "environment = \"dev\"\nactive = true"))).Fingerprint();
        Assert.NotEqual(work, personal);
        // The same account written another way (key order, comments, whitespace) is the same account.
        Assert.Equal(work, Account(File("c.toml", "# mine\n[work]\nactive = true\ntoken_secret = 'as-other-format'\ntoken_id = 'ak-work-111'\n")).Fingerprint());
    }

    [Fact]
    public void The_selection_follows_the_CLI_profile_variable_then_active_then_default_and_the_token_variable_wins()
    {
        var path = File("m.toml", TwoProfiles);
        var active = Account(path).Fingerprint();
        Assert.Equal(active, Account(path, profile: "work").Fingerprint());
        Assert.NotEqual(active, Account(path, profile: "personal").Fingerprint());
        Assert.NotEqual(active, Account(path, tokenId: "ak-from-env").Fingerprint());
        Assert.NotEqual(active, Account(path, environment: "prod").Fingerprint());
        Assert.NotEqual(active, Account(path, server: "https://api.modal.example").Fingerprint()); // MODAL_SERVER_URL: another deployment
        var withServer = File("s.toml", TwoProfiles.Replace("active = true", "active = true\nserver_url = \"https://api.modal.example\""));
        Assert.Equal(Account(withServer).Fingerprint(), Account(path, server: "https://api.modal.example").Fingerprint());

        var noneActive = File("d.toml", "[default]\ntoken_id = \"ak-default\"\n[other]\ntoken_id = \"ak-other\"\n");
        Assert.Equal(Account(noneActive).Fingerprint(), Account(noneActive, profile: "default").Fingerprint());
        Assert.NotEqual(Account(noneActive).Fingerprint(), Account(noneActive, profile: "other").Fingerprint());
    }

    [Fact]
    public void A_rewritten_file_is_read_again_and_the_token_never_appears_in_the_fingerprint()
    {
        var path = File("r.toml", TwoProfiles);
        var account = Account(path);
        var before = account.Fingerprint();
        Assert.DoesNotContain("ak-work-111", before);
        // `modal profile activate personal` rewrites the file.
        System.IO.File.WriteAllText(path, TwoProfiles.Replace("active = true\n", "") + "\nactive = true\n");
        System.IO.File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
        Assert.NotEqual(before, account.Fingerprint());
    }

    [Fact]
    public void A_missing_empty_or_broken_file_gives_a_fingerprint_and_no_exception()
    {
        var missing = Account(Path.Combine(_dir, "nope.toml")).Fingerprint();
        Assert.Equal(missing, Account(File("empty.toml", "")).Fingerprint());
        var broken = Account(File("broken.toml", "[work\ntoken_id = ak-unquoted")).Fingerprint();
        Assert.NotEqual(missing, broken);
        Assert.NotEqual(broken, Account(File("broken2.toml", "[home\ntoken_id = ak-other-unquoted")).Fingerprint());
        Assert.NotEqual(missing, Account(Path.Combine(_dir, "nope.toml"), tokenId: "ak-env").Fingerprint());
    }
}
