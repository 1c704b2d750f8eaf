using CheckTraining.Mcp.Redaction;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Redaction;

/// <summary>The redaction table: each shape, the words kept around it, and lines that must come out unchanged.</summary>
public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = SecretRedactor.ShapesOnly;

    public static TheoryData<string> Shapes() => [.. SecretFixtures.Leaks.Select(l => l.Shape)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Each_shape_loses_its_value_and_keeps_the_words_around_it(string shape)
    {
        var leak = SecretFixtures.Leaks.Single(l => l.Shape == shape);
        var (text, count) = Redactor.Redact(leak.Line);
        Assert.DoesNotContain(leak.Secret, text);
        Assert.Contains(SecretRedactor.Mark, text);
        Assert.True(count >= 1);
        Assert.All(leak.Kept, k => Assert.Contains(k, text));
    }

    [Theory]
    [InlineData("postgresql://trainer:hunter2@db.internal:5432/runs", "postgresql://trainer:[redacted]@db.internal:5432/runs")]
    [InlineData("Authorization: Bearer abcdefgh12345678", "Authorization: Bearer [redacted]")]
    [InlineData("SECRET_KEY_BASE=abc DB_PASSWORD_1=def MY_PASS=ghi", "SECRET_KEY_BASE=[redacted] DB_PASSWORD_1=[redacted] MY_PASS=[redacted]")]
    [InlineData("{'HF_TOKEN': 'x y z'}", "{'HF_TOKEN': '[redacted]'}")]
    [InlineData("apiKey=abc123 --token-secret as-AbCdEfGhIjKlMnOp", "apiKey=[redacted] --token-secret [redacted]")]
    [InlineData("redis://:p4ss@cache:6379/0", "redis://:[redacted]@cache:6379/0")]
    [InlineData("SECRETKEYBASE=abc MAX_TOKENS=512", "SECRETKEYBASE=[redacted] MAX_TOKENS=512")]
    public void Lines_come_out_exactly(string line, string expected) => Assert.Equal(expected, Redactor.Redact(line).Text);

    [Theory]
    [InlineData("commit 3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c")]
    [InlineData("git_sha=3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c")]
    [InlineData("epoch 3 step 1200/5000 loss=0.1234 lr=3e-4 grad_norm=1.02")]
    [InlineData("step 41200 tokens/s 812345 num_tokens=4096 max_new_tokens: 512 keys=12 passes=3")]
    [InlineData("tokenizer: gpt2, hf_cache_dir=/root/.cache/huggingface, as-documented")]
    [InlineData("downloading https://huggingface.co/org/model/resolve/main/config.json")]
    [InlineData("Basic training started at 12:00 with batch_size=64")]
    public void Ordinary_lines_are_left_alone(string line) => Assert.Equal((line, 0), Redactor.Redact(line));

    [Fact]
    public void A_PEM_block_is_redacted_across_lines_with_its_body_and_the_lines_around_it_kept()
    {
        string[] lines = ["loading deploy key:", .. SecretFixtures.PemBlock, "epoch 2"];
        var (redacted, count) = Redactor.RedactLines(lines);
        Assert.Equal(["loading deploy key:", "-----BEGIN PRIVATE KEY-----", "[redacted]", "[redacted]", "[redacted]", "-----END PRIVATE KEY-----", "epoch 2"], redacted);
        Assert.Equal(1, count);
        // In one text (a stderr tail), and printed on one line with escaped newlines.
        var joined = Redactor.Redact(string.Join('\n', SecretFixtures.PemBlock)).Text;
        Assert.Equal("-----BEGIN PRIVATE KEY-----\n[redacted]\n-----END PRIVATE KEY-----", joined);
        Assert.Equal("pem=\"-----BEGIN RSA PRIVATE KEY-----[redacted]-----END RSA PRIVATE KEY-----\"",
            Redactor.Redact("pem=\"-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----\"").Text);
    }

    [Theory]
    [InlineData("SECRET_KEY_BASE", true)]
    [InlineData("DB_PASSWORD_1", true)]
    [InlineData("SMTP_PASS", true)]
    [InlineData("aws_secret_access_key", true)]
    [InlineData("apiKey", true)]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS", true)]
    [InlineData("SECRETKEYBASE", true)] // glued: a secret word followed by another
    [InlineData("secretkeybase", true)]
    [InlineData("DBPASSWORD", true)]
    [InlineData("PASSKEY", true)]
    [InlineData("MAX_TOKENS", false)]
    [InlineData("TOKENSPERSECOND", false)]
    [InlineData("KEYBOARD_LAYOUT", false)]
    [InlineData("num_tokens", false)]
    [InlineData("tokenizer", false)]
    [InlineData("val_passes", false)]
    [InlineData("learning_rate", false)]
    public void The_name_rule(string name, bool secret) => Assert.Equal(secret, SecretNames.IsSecret(name));
}
