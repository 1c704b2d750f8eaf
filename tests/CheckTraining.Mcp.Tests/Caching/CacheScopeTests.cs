using CheckTraining.Mcp.Caching;
using Microsoft.Extensions.Configuration;

namespace CheckTraining.Mcp.Tests.Caching;

/// <summary>Every key kind from one scope: what each must tell apart, and what it must never carry.</summary>
public sealed class CacheScopeTests
{
    private static CacheScope Scope(string baseUrl = "https://api.wandb.ai", string? entity = "e", string? project = "p", string modal = "m1",
        string settings = "s1", string version = "0.2.0+abc") => new(baseUrl, entity, project, () => modal, settings, version);

    private static string AllKinds(CacheScope scope) =>
        scope.Wandb("key", "e", "p", "Run", "query Run { a }", "{}") + "|" + scope.Modal(["app", "list", "--json"]) + "|"
        + scope.ToolResult("get_run_metrics", "run\x1f\"abc\"", "key");

    [Fact]
    public void A_changed_query_document_never_shares_a_key_with_the_old_one()
    {
        // Two releases behind one Redis: same operation name and variables, different selection.
        var scope = Scope();
        var old = scope.Wandb("key", "e", "p", "CheckTrainingRun", "query CheckTrainingRun { a }", "{}");
        Assert.NotEqual(old, scope.Wandb("key", "e", "p", "CheckTrainingRun", "query CheckTrainingRun { a b }", "{}"));
        Assert.Equal(old, Scope(baseUrl: "https://api.wandb.ai/").Wandb("key", "e", "p", "CheckTrainingRun", "query CheckTrainingRun { a }", "{}"));
    }

    public static TheoryData<string, CacheScope, bool, bool, bool> Differences => new()
    {
        // what differs, the other scope, then whether the W&B, Modal and tool-result keys must differ
        { "nothing", Scope(), false, false, false },
        { "W&B server", Scope(baseUrl: "https://wandb.corp.example"), true, false, true },
        { "configured project", Scope(project: "other"), false, false, true },
        { "Modal account", Scope(modal: "m2"), false, true, true },
        { "settings", Scope(settings: "s2"), false, false, true },
        { "build version", Scope(version: "0.2.1+def"), true, true, true },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void Each_key_kind_separates_exactly_what_its_answer_depends_on(string what, CacheScope other, bool wandb, bool modal, bool result)
    {
        var a = AllKinds(Scope()).Split('|');
        var b = AllKinds(other).Split('|');
        Assert.True(wandb == (a[0] != b[0]), $"{what}: W&B key");
        Assert.True(modal == (a[1] != b[1]), $"{what}: Modal key");
        Assert.True(result == (a[2] != b[2]), $"{what}: tool-result key");
    }

    [Fact]
    public void Two_callers_keys_never_share_a_W_and_B_answer_or_a_result_and_no_key_appears_in_a_key()
    {
        var scope = Scope();
        Assert.NotEqual(scope.Wandb("key-one", "e", "p", "Run", "q", "{}"), scope.Wandb("key-two", "e", "p", "Run", "q", "{}"));
        Assert.NotEqual(scope.ToolResult("t", "a", "key-one"), scope.ToolResult("t", "a", "key-two"));
        var keys = AllKinds(Scope(modal: CacheScope.Hash("ak-secret-token-id")));
        Assert.DoesNotContain(":key:", keys);
        Assert.DoesNotContain("ak-secret-token-id", keys);
    }

    [Fact]
    public void The_settings_fingerprint_changes_with_a_shaping_setting_and_ignores_secrets_and_transport()
    {
        static string Of(params (string Key, string Value)[] settings) => SettingsFingerprint.Of(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

        var baseline = Of(("Metrics:EpochKey", "epoch"), ("Metrics:GpuRates:H100", "3.95"));
        Assert.Equal(baseline, Of(("Metrics:GpuRates:H100", "3.95"), ("Metrics:EpochKey", "epoch"))); // order does not matter
        Assert.Equal(baseline, Of(("metrics:epochkey", "epoch"), ("Metrics:GpuRates:H100", "3.95"))); // nor the key's case, as in configuration
        Assert.NotEqual(baseline, Of(("Metrics:EpochKey", "epoch"), ("Metrics:GpuRates:H100", "9.00")));
        Assert.NotEqual(baseline, Of(("Metrics:EpochKey", "epoch"), ("Metrics:GpuRates:H100", "3.95"), ("Diagnosis:IdleGpuPercent", "5")));
        Assert.NotEqual(baseline, Of(("Metrics:EpochKey", "epoch"), ("Metrics:GpuRates:H100", "3.95"), ("Modal:AppName", "trainer")));
        // Credentials are fingerprinted on their own (key hash, Modal account); transport settings shape no report.
        Assert.Equal(baseline, Of(("Metrics:EpochKey", "epoch"), ("Metrics:GpuRates:H100", "3.95"), ("Wandb:ApiKey", "x"), ("Modal:TokenId", "ak-1"),
            ("Http:Url", "http://0.0.0.0:8080"), ("Cache:TtlSeconds", "5")));
    }
}
