using System.Text;
using Google.Protobuf;
using Nethereum.Signer;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Validators;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Anchor;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Modules.Anchor;

/// <summary>
/// A test chain for the anchor module: named validators (funded, each sending from its own account), the authority,
/// params.checkpoint_interval <see cref="Interval"/>, and blocks whose context carries a parent hash and state root
/// derived from the height, as the node passes them. Not thread safe.
/// </summary>
internal sealed class AnchorChain
{
    public const string AuthorityName = "authority";
    public const ulong Interval = 2;
    public static readonly byte[] EthContract = Convert.FromHexString("5fbdb2315678afecb367f032d93f642f64180aa3");
    public static readonly byte[] EtcContract = Convert.FromHexString("e7f1725e7734ce288f8367e1bb143e90bb3f0512");
    private readonly Dictionary<string, ulong> _nonces = [];

    public AnchorChain(params (string Name, ulong Power)[] validators)
    {
        State = new MemoryState().WithAccount(AuthorityName, 1_000_000_000).WithAccount("mallory", 1_000_000_000);
        foreach (var (name, _) in validators) State.WithAccount(name, 1_000_000_000);
        var set = ValidatorSetCodec.Sorted(validators.Select(v => new ValidatorEntry
        {
            PublicKey = TestKeys.Key(v.Name).PublicKey.ToByteString(), Power = v.Power, Name = v.Name,
        }));
        State.Apply([
            new StateChange(GovernanceKeys.Authority(), Authority.Encode(TestKeys.Address(AuthorityName))),
            new StateChange(ValidatorKeys.Next(), set.ToByteArray()),
            new StateChange(ValidatorKeys.Pending(), set.ToByteArray()),
        ]);
    }

    public MemoryState State { get; }
    public ulong Height { get; private set; }
    public ChainParams Params { get; } = Blocks.Params with { CheckpointInterval = Interval };

    /// <summary>A deterministic anchor key per name.</summary>
    public static EthECKey AnchorKey(string name) =>
        new(AnchorCrypto.Keccak(Encoding.UTF8.GetBytes("anchor-key:" + name)), true);

    public static byte[] AnchorAddress(string name) => AnchorCrypto.AddressOf(AnchorKey(name));

    public static Msg Register(string validator, string anchorKeyName, string chainId = TxBuilder.ChainId)
    {
        var key = TestKeys.Key(validator).PublicKey.ToArray();
        return new Msg
        {
            RegisterAnchorKey = new MsgRegisterAnchorKey
            {
                ValidatorPublicKey = ByteString.CopyFrom(key),
                AnchorAddress = ByteString.CopyFrom(AnchorAddress(anchorKeyName)),
                Proof = ByteString.CopyFrom(AnchorKeyProof.Sign(AnchorKey(anchorKeyName), key, chainId)),
            },
        };
    }

    public static Msg Target(string name, ulong evmChainId, byte[] contract) =>
        new() { SetAnchorTarget = new MsgSetAnchorTarget { Name = name, EvmChainId = evmChainId, Contract = ByteString.CopyFrom(contract) } };

    public static Msg Submit(ulong height, string target, byte[] signature) =>
        new() { SubmitCheckpointSignature = new MsgSubmitCheckpointSignature { Height = height, Target = target, Signature = ByteString.CopyFrom(signature) } };

    /// <summary>The signature by <paramref name="anchorKeyName"/>'s key of checkpoint <paramref name="height"/> for <paramref name="target"/>.</summary>
    public byte[] Sign(string anchorKeyName, ulong height, string target)
    {
        var checkpoint = Checkpoint(height)!;
        var t = checkpoint.Targets.Single(x => x.Target.Name == target).Target;
        return AnchorCrypto.Sign(AnchorKey(anchorKeyName), CheckpointDigest.Of(checkpoint, t));
    }

    public static Hash32 ParentHashOf(ulong height) => new(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"block {height}")));
    public static Hash32 ParentRootOf(ulong height) => new(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"root {height}")));

    /// <summary>Executes the next block: one transaction per (sender, message).</summary>
    public BlockOutcome Next(params (string Sender, Msg Msg)[] msgs)
    {
        Height++;
        var txs = msgs.Select(m => TxBuilder.From(m.Sender).Nonce(NextNonce(m.Sender)).Message(m.Msg).Build()).ToArray();
        var context = Blocks.Context(Height, Params) with
        {
            ParentHash = Height == 1 ? default : ParentHashOf(Height - 1),
            ParentStateRoot = Height == 1 ? default : ParentRootOf(Height - 1),
        };
        var outcome = new BlockExecutor().Execute(State, context, txs);
        State.Apply(outcome.Changes);
        return outcome;
    }

    /// <summary>Runs empty blocks until <paramref name="height"/> has been executed.</summary>
    public void RunTo(ulong height)
    {
        while (Height < height) Next();
    }

    public CheckpointRecord? Checkpoint(ulong height) => AnchorStore.ReadCheckpoint(View, height);

    public IStateView View => new BlockState(State);

    private ulong NextNonce(string sender)
    {
        _nonces.TryGetValue(sender, out var nonce);
        _nonces[sender] = nonce + 1;
        return nonce;
    }
}
