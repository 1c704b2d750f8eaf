using CheckTraining.Mcp.Hosting;
using CheckTraining.Mcp.Hosting.Http.Auth;
using CheckTraining.Mcp.Tests.Infrastructure;
using CheckTraining.Mcp.Wandb;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CheckTraining.Mcp.Tests.Hosting;

/// <summary>wandb-key's memory of W&amp;B's answers, on a fake clock: a key is checked once per Cache:TtlSeconds, a refusal is remembered 5 s.</summary>
public sealed class WandbKeyVerifierTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private FakeWandbServer _wandb = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _wandb = await FakeWandbServer.StartAsync(WandbFixtures.Create(DateTimeOffset.UtcNow));
        var settings = InProcessServer.WandbSettings(_wandb);
        settings.Remove("Wandb:ApiKey");
        settings["Cache:TtlSeconds"] = "60";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(_time);
        services.Configure<MemoryCacheOptions>(o => o.Clock = new InProcessServer.FakeClock(_time));
        services.AddCheckTraining(configuration);
        services.Replace(ServiceDescriptor.Singleton<IWandbCallContext>(new AmbientWandbCallContext(perCallerKeys: true)));
        services.AddSingleton(AllowedTeam.From(new(), WandbFixtures.Entity));
        services.AddSingleton<WandbKeyVerifier>();
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _wandb.DisposeAsync();
    }

    private int Checks(string? key) => _wandb.Requests.Count(r => r.OperationName == "CheckTrainingCaller" && r.ApiKey == key);

    [Fact]
    public async Task An_accepted_key_is_checked_again_only_after_the_TTL_and_a_refusal_after_five_seconds()
    {
        var verifier = _services.GetRequiredService<WandbKeyVerifier>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(WandbKeyVerdict.Accepted, (await verifier.VerifyAsync(FakeWandbServer.ApiKey, ct)).Verdict);
        Assert.Equal(WandbKeyVerdict.Refused, (await verifier.VerifyAsync("made-up-key", ct)).Verdict);
        Assert.Equal(WandbKeyVerdict.Accepted, (await verifier.VerifyAsync(FakeWandbServer.ApiKey, ct)).Verdict);
        Assert.Equal(WandbKeyVerdict.Refused, (await verifier.VerifyAsync("made-up-key", ct)).Verdict);
        Assert.Equal((1, 1), (Checks(FakeWandbServer.ApiKey), Checks(null)));

        _time.Advance(TimeSpan.FromSeconds(WandbKeyVerifier.RefusalSeconds + 1));
        await verifier.VerifyAsync(FakeWandbServer.ApiKey, ct);
        await verifier.VerifyAsync("made-up-key", ct);
        Assert.Equal((1, 2), (Checks(FakeWandbServer.ApiKey), Checks(null))); // the refusal expired, the acceptance did not

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(WandbKeyVerdict.Accepted, (await verifier.VerifyAsync(FakeWandbServer.ApiKey, ct)).Verdict);
        Assert.Equal(2, Checks(FakeWandbServer.ApiKey));
    }

    [Fact]
    public async Task A_team_member_is_accepted_as_its_W_and_B_user_and_a_stranger_with_a_valid_key_is_forbidden_and_remembered()
    {
        var verifier = _services.GetRequiredService<WandbKeyVerifier>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(new WandbKeyAnswer(WandbKeyVerdict.Accepted, "VXNlcjox", "shinewave"), await verifier.VerifyAsync(FakeWandbServer.ApiKey, ct));
        Assert.Equal(new WandbKeyAnswer(WandbKeyVerdict.Accepted, "VXNlcjoy", "colleague"), await verifier.VerifyAsync(FakeWandbServer.OtherApiKey, ct));
        Assert.Equal(WandbKeyVerdict.Forbidden, (await verifier.VerifyAsync(FakeWandbServer.StrangerApiKey, ct)).Verdict);
        Assert.Equal(WandbKeyVerdict.Forbidden, (await verifier.VerifyAsync(FakeWandbServer.StrangerApiKey, ct)).Verdict);
        Assert.Equal(1, Checks(FakeWandbServer.StrangerApiKey)); // a stranger's retries cost no W&B request within the TTL
        Assert.True(verifier.IsKnownGood(FakeWandbServer.OtherApiKey));
        Assert.False(verifier.IsKnownGood(FakeWandbServer.StrangerApiKey));
    }
}
