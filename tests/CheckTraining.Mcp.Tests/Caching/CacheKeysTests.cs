using CheckTraining.Mcp.Caching;

namespace CheckTraining.Mcp.Tests.Caching;

public sealed class CacheKeysTests
{
    [Fact]
    public void A_changed_query_document_never_shares_a_key_with_the_old_one()
    {
        // Two releases behind one Redis: same operation name and variables, different selection.
        var old = CacheKeys.Wandb("https://api.wandb.ai", "key", "e", "p", "CheckTrainingRun", "query CheckTrainingRun { a }", "{}");
        var upgraded = CacheKeys.Wandb("https://api.wandb.ai", "key", "e", "p", "CheckTrainingRun", "query CheckTrainingRun { a b }", "{}");
        Assert.NotEqual(old, upgraded);
        Assert.Equal(old, CacheKeys.Wandb("https://api.wandb.ai/", "key", "e", "p", "CheckTrainingRun", "query CheckTrainingRun { a }", "{}"));
        Assert.DoesNotContain("key", old.Split(':').Skip(3)); // the API key itself never appears
    }
}
