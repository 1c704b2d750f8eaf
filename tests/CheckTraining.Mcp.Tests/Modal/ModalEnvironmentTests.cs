using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>What the real server hands the modal child: only allow-listed names, so no secret under any name, and everything the CLI needs.</summary>
public sealed class ModalEnvironmentTests
{
    [Fact]
    public async Task The_modal_child_inherits_only_allowed_names_and_keeps_path_home_modal_proxy_certificate_and_locale()
    {
        var now = DateTimeOffset.UtcNow;
        await using var wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(now));
        using var modal = new FakeModal(now);
        var env = McpServerProcess.WandbEnvironment(wandb);
        foreach (var (k, v) in modal.ServerEnvironment(Directory.CreateTempSubdirectory("checktraining-envtest-").FullName))
        {
            env[k] = v;
        }

        env["CHECKTRAINING_Wandb__ApiKey"] = FakeWandbServer.ApiKey;
        env["checktraining_http__bearertoken"] = "lowercase-secret";
        env["MODAL_PROFILE"] = "training";
        env["HTTPS_PROXY"] = "http://proxy.invalid:3128";
        env["SSL_CERT_FILE"] = "/etc/ssl/certs/ca-certificates.crt";
        env["LANG"] = "C.UTF-8";
        // What a developer's shell holds: none of it is the CLI's business.
        env["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        env["HF_TOKEN"] = "hf_AbCdEfGhIjKlMnOpQrStUvWxYz12345678";
        env["GITHUB_TOKEN"] = "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";
        env["OPENAI_API_KEY"] = "sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUvWx";
        env["SSH_AUTH_SOCK"] = "/tmp/ssh-agent.sock";
        env["DATABASE_URL"] = "postgresql://trainer:pw@db/runs";
        await using var server = await McpServerProcess.StartAsync(env);

        var result = await server.CallAsync("get_app_status", cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, result.IsError);
        var names = modal.LastEnvironmentNames;
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.True(FakeModal.IsAllowedName(n), "the modal child inherited " + n));
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "PATH", "HOME", "MODAL_PROFILE", "HTTPS_PROXY", "SSL_CERT_FILE", "LANG", "COLUMNS", "TZ" });
        FakeModal.AssertNoSecretsInherited();
    }

    [Fact]
    public async Task The_account_settings_the_cache_key_was_made_of_reach_the_child_whatever_their_source()
    {
        var now = DateTimeOffset.UtcNow;
        await using var wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(now));
        using var modal = new FakeModal(now);
        var env = McpServerProcess.WandbEnvironment(wandb);
        foreach (var (k, v) in modal.ServerEnvironment(Directory.CreateTempSubdirectory("checktraining-envtest-").FullName))
        {
            env[k] = v;
        }

        // Our own settings names, not the CLI's: the CLI would not read these, so the server must hand them on.
        env["CHECKTRAINING_Modal__TokenId"] = "ak-from-settings";
        env["CHECKTRAINING_Modal__ServerUrl"] = "https://api.modal.example";
        await using var server = await McpServerProcess.StartAsync(env);

        Assert.NotEqual(true, (await server.CallAsync("get_app_status", cancellationToken: TestContext.Current.CancellationToken)).IsError);
        var seen = modal.EnvLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        Assert.Contains("MODAL_TOKEN_ID=ak-from-settings ", seen);
        Assert.Contains("MODAL_SERVER_URL=https://api.modal.example ", seen);
    }
}
