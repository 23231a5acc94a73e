using Seratio.Cli.Tests.Support;
using Seratio.Core.Crypto;
using Seratio.Core.Keys;
using Seratio.Core.Transactions;
using Seratio.Node.Anchoring;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Cli.Tests.Validators;

/// <summary><c>seratio tx register-anchor-key</c>: one MsgRegisterAnchorKey, signed by the validator's own key, whose proof the chain's rule accepts.</summary>
public sealed class RegisterAnchorKeyCommandTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly SigningKey _validator = SigningKey.ForTesting("cli-tests/anchor-validator");
    private readonly Nethereum.Signer.EthECKey _anchor = new(AnchorCrypto.Keccak("cli-tests/anchor"u8.ToArray()), true);
    private FakeNode _node = null!;
    private string _validatorKeyFile = "";
    private string _anchorKeyFile = "";

    public async Task InitializeAsync()
    {
        _node = await FakeNode.StartAsync();
        _validatorKeyFile = _dir.File("validator.devnet-unsafe.key");
        UnsafeKeyFile.Write(_validatorKeyFile, _validator);
        _anchorKeyFile = _dir.File("anchor.devnet-unsafe.key");
        File.WriteAllText(_anchorKeyFile, AnchorKey.UnsafeJson(_anchor));
        _node.State.Accounts[_validator.Address.ToString()] = new AccountResponse { Address = _validator.Address.ToString(), Balance = "0", Nonce = 2, Height = 41 };
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _validator.Dispose();
        _dir.Dispose();
    }

    private Task<CliRun> Register(params string[] extra) =>
        new CliRunner().RunAsync(["tx", "register-anchor-key", "--from", _validatorKeyFile, "--keystore", _dir.File("no-keystore"), "--node", _node.Url, .. extra]);

    [Fact]
    public async Task RegisterAnchorKey_SignsOneMessage_FromTheValidatorsAccount_WithAProofForTheNodesChain()
    {
        var run = await Register("--anchor-key", _anchorKeyFile, "--wait", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var request = Assert.Single(_node.State.Submitted);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(request.Tx.Memory, "seratio-test-1", TxDecoder.MaxTxBytes, out var tx, out _));
        Assert.True(TxDecoder.VerifySignatures(tx!));
        Assert.Equal(_validator.Address, tx!.Sender);
        Assert.Equal(2UL, tx.Body.Nonce);
        var msg = Assert.Single(tx.Body.Msgs).RegisterAnchorKey;
        Assert.Equal(_validator.PublicKey.ToByteString(), msg.ValidatorPublicKey);
        Assert.Equal(AnchorCrypto.AddressOf(_anchor), msg.AnchorAddress.ToByteArray());
        // The chain's own check: the proof recovers to the anchor address for this validator and this chain id only.
        var recovered = AnchorCrypto.Recover(AnchorKeyProof.Digest(_validator.PublicKey.ToArray(), "seratio-test-1"), msg.Proof.Span, out var problem);
        Assert.True(recovered is not null, problem);
        Assert.Equal(msg.AnchorAddress.ToByteArray(), recovered);
        var otherChain = AnchorCrypto.Recover(AnchorKeyProof.Digest(_validator.PublicKey.ToArray(), "seratio-other-1"), msg.Proof.Span, out _);
        Assert.NotEqual(msg.AnchorAddress.ToByteArray(), otherChain);
        Assert.Equal(AnchorCrypto.Hex(AnchorCrypto.AddressOf(_anchor)), System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["anchor_address"]!.GetValue<string>());
    }

    [Fact]
    public async Task RegisterAnchorKey_WithoutTheAnchorKeyFile_ExitsTwo_AndSubmitsNothing()
    {
        var run = await Register("--anchor-key", _dir.File("missing.devnet-unsafe.key"));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("--anchor-key", run.Err);
        Assert.Empty(_node.State.Submitted);
    }

    [Fact]
    public async Task RegisterAnchorKey_WithAMalformedKeyFile_ExitsTwo_SayingWhatItMustHold()
    {
        var bad = _dir.File("bad.devnet-unsafe.key");
        File.WriteAllText(bad, "{\"private_key\":\"12\"}");

        var run = await Register("--anchor-key", bad);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("64 hex digits", run.Err);
        Assert.Empty(_node.State.Submitted);
    }

    [Fact]
    public async Task RegisterAnchorKey_RefusedByTheChain_ExitsOne()
    {
        _node.State.CommitReceipt = new Receipt { Height = 42, Code = ResultCode.Unauthorized, Log = "message 0 (register_anchor_key): not in the next or pending validator set", Fee = "0" };

        var run = await Register("--anchor-key", _anchorKeyFile, "--wait");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("UNAUTHORIZED", run.Err, StringComparison.OrdinalIgnoreCase);
    }
}
