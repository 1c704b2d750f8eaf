using System.Reflection;
using CheckTraining.Mcp.Modal;
using CheckTraining.Mcp.Tests.Infrastructure;

namespace CheckTraining.Mcp.Tests.Modal;

/// <summary>The allow-list is the type's whole surface: nothing else can be constructed.</summary>
public sealed class ModalCommandTests
{
    [Fact]
    public void Only_read_only_commands_can_be_built()
    {
        var factories = typeof(ModalCommand).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(ModalCommand)).Select(m => m.Name).Order();
        Assert.Equal(["AppList", "AppLogs", "Version", "VolumeGet", "VolumeList"], factories);
        Assert.Empty(typeof(ModalCommand).GetConstructors()); // no public way around the factories
    }

    [Fact]
    public void App_logs_is_always_bounded_and_never_follows()
    {
        var logs = ModalCommand.AppLogs("ap-AbCdEf123", 100).Arguments;
        Assert.Equal(["app", "logs", "--tail", "100", "--timestamps", "--", "ap-AbCdEf123"], logs);
        Assert.True(FakeModal.IsAllowListed([.. logs]));
        Assert.DoesNotContain("--follow", logs);
        Assert.DoesNotContain("-f", logs);
        Assert.Throws<ArgumentOutOfRangeException>(() => ModalCommand.AppLogs("ap-AbCdEf123", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModalCommand.AppLogs("ap-AbCdEf123", 1001));
        Assert.Throws<ArgumentException>(() => ModalCommand.AppLogs("--follow", 10)); // an id that is a flag never reaches argv
        Assert.Throws<ArgumentException>(() => ModalCommand.AppLogs("ap-x; rm -rf /", 10));
    }

    [Fact]
    public void User_names_come_after_the_option_terminator()
    {
        Assert.Equal(["volume", "ls", "--json", "--", "-vol", "/checkpoints/-run"], ModalCommand.VolumeList("-vol", "/checkpoints/-run").Arguments);
        var get = ModalCommand.VolumeGet("v", "/c/r/latest.pt", "/tmp/.checktraining-partial-x").Arguments;
        Assert.Equal(["volume", "get", "--", "v", "/c/r/latest.pt", "/tmp/.checktraining-partial-x"], get);
        Assert.True(FakeModal.IsAllowListed([.. get]));
        Assert.DoesNotContain("--force", get);
    }

    [Theory]
    [InlineData("vol", "/checkpoints/*")]
    [InlineData("vol", "/checkpoints/../secrets")]
    [InlineData("v*", "/checkpoints")]
    [InlineData("vol", "/check\npoints")]
    public void Globs_traversal_and_control_characters_are_refused(string volume, string path) =>
        Assert.Throws<ArgumentException>(() => ModalCommand.VolumeList(volume, path));

    [Theory]
    [InlineData("app stop ap-1")]
    [InlineData("run --detach train.py")]
    [InlineData("app logs ap-1")]
    [InlineData("volume get --force -- v p /tmp/.checktraining-partial-x")]
    [InlineData("volume put -- v a b")]
    [InlineData("container exec ta-1 sh")]
    public void The_test_side_allow_list_rejects_writers(string argv) => Assert.False(FakeModal.IsAllowListed(argv.Split(' ')));
}
