namespace CheckTraining.Mcp.Tests.Infrastructure;

/// <summary>
/// A console that prints a credential in every shape the server must redact, one line each (and a PEM private key over
/// several lines), with the secret value beside each line and the words around it that must survive.
/// </summary>
public static class SecretFixtures
{
    /// <summary>One printed line: the secret in it, and the text around it that stays.</summary>
    public sealed record Leak(string Shape, string Line, string Secret, params string[] Kept);

    public const string PemBody1 = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";
    public const string PemBody2 = "MgYJKoZIhvcNAQkBFhJ0cmFpbmVyQGV4YW1wbGUuY29tMB4XDTI2MTIwMzAwMDAw";
    public const string PemBody3 = "WjBFMQswCQYDVQQGEwJBVTETMBEGA1UECAwKU29tZS1TdGF0ZTEhMB8GA1UECgwY";

    public static readonly Leak[] Leaks =
    [
        new("url credentials", "connecting to postgresql://trainer:Tr41nPassw0rd@db.internal:5432/runs", "Tr41nPassw0rd",
            "connecting to postgresql://trainer:", "@db.internal:5432/runs"),
        new("authorization basic", "curl -H \"Authorization: Basic dHJhaW5lcjpodW50ZXIyMDI2\" https://api.internal/v1", "dHJhaW5lcjpodW50ZXIyMDI2",
            "Authorization: Basic ", "https://api.internal/v1"),
        new("bearer", "request headers: Bearer 9fQw2LmZt7XkPp4RsV8yBn3C accepted", "9fQw2LmZt7XkPp4RsV8yBn3C", "request headers: Bearer ", " accepted"),
        new("github ghp_", "git clone https://ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789@github.com/org/repo", "ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
            "git clone https://", "@github.com/org/repo"),
        new("github gho_", "gh auth status: gho_16C7e42F292c6912E7710c838347Ae178B4a logged in", "gho_16C7e42F292c6912E7710c838347Ae178B4a",
            "gh auth status: ", " logged in"),
        new("github ghs_", "actions installation ghs_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa ready", "ghs_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa",
            "actions installation ", " ready"),
        new("github_pat_", "push with github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV0123 done",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV0123", "push with ", " done"),
        new("hugging face hf_", "Logged in to the Hub as trainer with hf_AbCdEfGhIjKlMnOpQrStUvWxYz12345678 (read)", "hf_AbCdEfGhIjKlMnOpQrStUvWxYz12345678",
            "Logged in to the Hub as trainer with ", " (read)"),
        new("openai sk-", "openai client ready (sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUvWx)", "sk-proj-AbCdEf0123456789GhIjKlMnOpQrStUvWx",
            "openai client ready (", ")"),
        new("anthropic sk-ant-", "judge model via sk-ant-api03-AbCdEf0123456789_GhIjKlMnOpQrStUvWx-yz0123 ok", "sk-ant-api03-AbCdEf0123456789_GhIjKlMnOpQrStUvWx-yz0123",
            "judge model via ", " ok"),
        new("aws AKIA", "boto3 using access key AKIAIOSFODNN7EXAMPLE for s3://bucket/ckpt", "AKIAIOSFODNN7EXAMPLE", "boto3 using access key ", " for s3://bucket/ckpt"),
        new("aws ASIA", "sts session ASIAY34FZKBOKMUTVV7A expires at 12:00", "ASIAY34FZKBOKMUTVV7A", "sts session ", " expires at 12:00"),
        new("slack xoxb-", "posting to #training with xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
            "posting to #training with "),
        new("gitlab glpat-", "registry login glpat-AbCdEfGhIjKlMnOpQrSt pushed", "glpat-AbCdEfGhIjKlMnOpQrSt", "registry login ", " pushed"),
        new("jwt", "claims eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0cmFpbmVyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ verified",
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0cmFpbmVyIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ", "claims ", " verified"),
        new("name SECRET_KEY_BASE=", "SECRET_KEY_BASE=5f4dcc3b5aa765d61d8327deb882cf99aa01", "5f4dcc3b5aa765d61d8327deb882cf99aa01", "SECRET_KEY_BASE="),
        new("name DB_PASSWORD_1=", "DB_PASSWORD_1=hunter2hunter2 DB_HOST=db.internal", "hunter2hunter2", "DB_PASSWORD_1=", " DB_HOST=db.internal"),
        new("name *_PASS=", "SMTP_PASS=s3cr3tSmtpValue", "s3cr3tSmtpValue", "SMTP_PASS="),
        new("name PWD", "MYSQL_PWD=MyPwd2026x", "MyPwd2026x", "MYSQL_PWD="),
        new("name PASSWD", "db_passwd: passwd2026value", "passwd2026value", "db_passwd: "),
        new("name CREDENTIAL", "export GCP_CREDENTIAL=gcpCredValue2026", "gcpCredValue2026", "export GCP_CREDENTIAL="),
        new("name: value", "AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AWS_SECRET_ACCESS_KEY: "),
        new("\"name\": \"value\"", "args: {\"api_token\": \"tok 9f8e7d6c5b4a\", \"lr\": 0.0003}", "9f8e7d6c5b4a", "{\"api_token\": \"", "\", \"lr\": 0.0003}"),
        new("w&b key by name", "WANDB_API_KEY=0123456789abcdef0123456789abcdef0123abcd", "0123456789abcdef0123456789abcdef0123abcd", "WANDB_API_KEY="),
        new("w&b key by shape", "wandb: Appending key for api.wandb.ai to your netrc file: fedcba9876543210fedcba9876543210fedcba98", "fedcba9876543210fedcba9876543210fedcba98",
            "wandb: Appending key for api.wandb.ai to your netrc file: "),
        new("w&b local-", "wandb login --host http://wandb.internal local-00112233445566778899aabbccddeeff00112233", "local-00112233445566778899aabbccddeeff00112233",
            "wandb login --host http://wandb.internal "),
        new("w&b wandb_v1_", "using wandb_v1_AbCdEfGhIjKlMnOpQrStUv for sync", "wandb_v1_AbCdEfGhIjKlMnOpQrStUv", "using ", " for sync"),
        new("modal ak-/as-", "modal token set --token-id ak-AbCdEfGhIjKlMnOp1234 --token-secret as-ZyXwVuTsRqPoNm9876", "ak-AbCdEfGhIjKlMnOp1234",
            "modal token set --token-id ", " --token-secret "),
        new("modal as-", "secret was as-QwErTyUiOpAsDfGh5678 (rotated)", "as-QwErTyUiOpAsDfGh5678", "secret was ", " (rotated)"),
    ];

    /// <summary>The PEM block's lines, as a script that cats a key file prints them.</summary>
    public static readonly string[] PemBlock =
    [
        "-----BEGIN PRIVATE KEY-----", PemBody1, PemBody2, PemBody3, "-----END PRIVATE KEY-----",
    ];

    /// <summary>The whole console, every shape above then the PEM block, and an exception line that carries secrets too.</summary>
    public static readonly string[] Console =
    [
        "epoch 1 starting",
        .. Leaks.Select(l => l.Line),
        "loading deploy key:",
        .. PemBlock,
        "commit 3f2a9c1d4b5e6f708192a3b4c5d6e7f8091a2b3c",
        "Traceback (most recent call last):",
        "  File \"train.py\", line 12, in <module>",
        "RuntimeError: could not reach postgresql://trainer:Tr41nPassw0rd@db.internal:5432/runs with Bearer 9fQw2LmZt7XkPp4RsV8yBn3C",
    ];

    /// <summary>Every secret value in <see cref="Console"/> (the PEM body lines included).</summary>
    public static IEnumerable<string> Secrets => Leaks.Select(l => l.Secret).Append(PemBody1).Append(PemBody2).Append(PemBody3)
        .Append("as-ZyXwVuTsRqPoNm9876");

    /// <summary>How many of the shapes leak in <paramref name="text"/>: a line's secret present, or any PEM body line.</summary>
    public static int LeakedShapes(string text) =>
        Leaks.Count(l => text.Contains(l.Secret, StringComparison.Ordinal))
        + (new[] { PemBody1, PemBody2, PemBody3 }.Any(b => text.Contains(b, StringComparison.Ordinal)) ? 1 : 0);

    /// <summary>The number of shapes counted by <see cref="LeakedShapes"/>.</summary>
    public static int ShapeCount => Leaks.Length + 1;
}
