using System.Text.Json.Nodes;
using Seratio.Cli.Tests.Support;
using Seratio.Core.Crypto;

namespace Seratio.Cli.Tests.Keys;

public sealed class KeysCommandTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly CliRunner _cli = new();
    private readonly string _keystore;
    private readonly string _passphrase;

    public KeysCommandTests()
    {
        _keystore = _dir.File("keystore");
        _passphrase = _dir.Write("pass.txt", "s3cret passphrase\n");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Import_ThenShowAndExport_RoundTripsTheSeed()
    {
        using var key = SigningKey.ForTesting("cli/alice");
        var seedHex = Convert.ToHexStringLower(key.ExportSeed());
        var seedFile = _dir.Write("alice.seed", seedHex + "\n");

        var imported = await _cli.RunAsync("keys", "import", "alice", "--seed-file", seedFile, "--keystore", _keystore, "--passphrase-file", _passphrase);
        var shown = await _cli.RunAsync("keys", "show", "alice", "--keystore", _keystore, "--output", "json");
        var exported = await _cli.RunAsync("keys", "export", "alice", "--keystore", _keystore, "--passphrase-file", _passphrase);

        Assert.True(imported.ExitCode == 0, imported.ToString());
        Assert.Equal(key.Address.ToString(), (string?)JsonNode.Parse(shown.Out)!["address"]);
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal(seedHex, exported.Out.Trim());
    }

    [Fact]
    public async Task Export_WithWrongPassphrase_ExitsOneWithAPlainMessage()
    {
        await _cli.RunAsync("keys", "add", "bob", "--keystore", _keystore, "--passphrase-file", _passphrase);
        var wrong = _dir.Write("wrong.txt", "not it");

        var run = await _cli.RunAsync("keys", "export", "bob", "--keystore", _keystore, "--passphrase-file", wrong);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("wrong passphrase for key 'bob'", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Show_OfCorruptedFile_ExitsOneSayingCorrupted()
    {
        Directory.CreateDirectory(_keystore);
        File.WriteAllText(Path.Combine(_keystore, "carol.key"), "{\"version\":1,\"name\":");

        var run = await _cli.RunAsync("keys", "show", "carol", "--keystore", _keystore);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("corrupted", run.Err);
    }

    [Fact]
    public async Task Add_WithoutPassphraseFileAndNoTerminal_ExitsTwoAskingForTheFile()
    {
        var run = await _cli.RunAsync("keys", "add", "dave", "--keystore", _keystore);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("stdin is not a terminal, so none can be asked for; pass --passphrase-file FILE, a file whose first line is the passphrase", run.Err);
        Assert.False(File.Exists(Path.Combine(_keystore, "dave.key")));
    }

    [Fact]
    public async Task List_ShowsKeysInNameOrderAndFlagsPlainOnes()
    {
        using var seedKey = SigningKey.ForTesting("cli/zed");
        await _cli.RunAsync("keys", "import", "zed", "--seed-hex", Convert.ToHexStringLower(seedKey.ExportSeed()), "--keystore", _keystore, "--passphrase-file", _passphrase);
        using var devKey = SigningKey.ForTesting("devnet/dev-0");
        Core.Keys.UnsafeKeyFile.Write(Path.Combine(_keystore, "dev-0.devnet-unsafe.key"), devKey);

        var run = await _cli.RunAsync("keys", "list", "--keystore", _keystore);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("dev-0.devnet-unsafe", lines[0]);
        Assert.Contains("(plain, unsafe)", lines[0]);
        Assert.StartsWith("zed", lines[1]);
        Assert.Contains(seedKey.Address.ToString(), lines[1]);
    }

    [Theory]
    [InlineData("keys import eve --seed-hex 1234")]
    [InlineData("keys import eve")]
    [InlineData("keys show ../etc")]
    [InlineData("keys show nobody")]
    public async Task KeysCommands_WithUnusableArguments_ExitTwo(string commandLine)
    {
        var run = await _cli.RunAsync($"{commandLine} --keystore {_keystore} --passphrase-file {_passphrase}");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.StartsWith("error: ", run.Err);
    }

    [Fact]
    public async Task KeystoreFolder_DefaultsToSeratioKeystoreVariable()
    {
        var cli = new CliRunner().WithEnv("SERATIO_KEYSTORE", _keystore);
        await cli.RunAsync("keys", "add", "frank", "--passphrase-file", _passphrase);

        Assert.True(File.Exists(Path.Combine(_keystore, "frank.key")));
    }

    [Fact]
    public async Task Add_AtTerminal_AsksTwiceAndStoresUnderThatPassphrase()
    {
        var added = await new CliRunner().AtTerminal("typed secret", "typed secret").RunAsync("keys", "add", "gail", "--keystore", _keystore);
        var exported = await new CliRunner().AtTerminal("typed secret").RunAsync("keys", "export", "gail", "--keystore", _keystore);

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(exported.ExitCode == 0, exported.ToString());
        Assert.Equal(64, exported.Out.Trim().Length);
    }

    [Fact]
    public async Task Add_AtTerminal_WithDifferingRepeat_ExitsTwoAndWritesNothing()
    {
        var run = await new CliRunner().AtTerminal("one", "two").RunAsync("keys", "add", "hal", "--keystore", _keystore);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the two passphrases differ", run.Err);
        Assert.False(File.Exists(Path.Combine(_keystore, "hal.key")));
    }
}
