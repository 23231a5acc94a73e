using System.Numerics;
using Google.Protobuf;
using Nethereum.Signer;
using Seratio.Bridges.Checkpoints;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Tests.Infrastructure;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Genesis;
using Seratio.Vm.Modules.Anchor;
using Seratio.Vm.State;

namespace Seratio.Bridges.Tests.Contracts;

/// <summary>
/// The chain side against the contract side: a Seratio chain executed by the real Vm (genesis with anchor keys and both
/// anvil contracts as targets, checkpoint_interval 10) records checkpoint 10 in block 11; three of four validators sign it
/// through MsgSubmitCheckpointSignature; the ready checkpoint and the signatures the chain stored are then accepted by
/// SeratioAnchor.submitCheckpoint on both real anvils. Along the way the Vm's digest and anchor-set hash must equal
/// Seratio.Bridges' (and so the contract's) byte for byte.
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class OnChainCheckpointTests(AnvilPair anvil)
{
    private const string ChainId = "seratio-onchain-test";
    private static readonly string[] Names = ["v0", "v1", "v2", "v3"];

    private static SigningKey Validator(string name) => SigningKey.ForTesting("onchain/" + name);
    private static EthECKey Anchor(string name) => new(AnchorCrypto.Keccak(System.Text.Encoding.UTF8.GetBytes("onchain-anchor/" + name)), true);

    [Fact]
    public async Task ACheckpointMadeReadyOnChain_IsAnchored_OnBothAnvils_WithTheSignaturesTheChainStored()
    {
        var genesisSet = AnchorSet.Create(Names.Select(n => (AnchorCrypto.Hex(AnchorCrypto.AddressOf(Anchor(n))), 10UL)));
        var eth = await anvil.DeployAsync(anvil.Ethereum, ChainId, genesisSet);
        var etc = await anvil.DeployAsync(anvil.Classic, ChainId, genesisSet);
        var chain = new VmChain(Genesis(eth, etc));

        chain.RunTo(11);
        var recorded = chain.Checkpoint(10);
        Assert.Equal(Convert.ToHexString(genesisSet.Hash), Convert.ToHexString(recorded.AnchorSetHash.ToByteArray()));
        foreach (var name in Names[..3])
        {
            var msgs = recorded.Targets.Select(t => new Msg
            {
                SubmitCheckpointSignature = new MsgSubmitCheckpointSignature
                {
                    Height = 10, Target = t.Target.Name,
                    Signature = ByteString.CopyFrom(AnchorCrypto.Sign(Anchor(name), CheckpointDigest.Of(recorded, t.Target))),
                },
            }).ToArray();
            var receipt = chain.Next(Validator(name), msgs);
            Assert.True(receipt.Code == ResultCode.Ok, receipt.Log);
        }
        var ready = chain.Checkpoint(10);
        Assert.All(ready.Targets, t => Assert.True(t.Ready));

        var cp = new Checkpoint(ready.SeratioChainId, ready.Height, ready.BlockHash.ToByteArray(), ready.StateRoot.ToByteArray(),
            ready.AnchorSetHash.ToByteArray(), ready.NextAnchorSetHash.ToByteArray());
        foreach (var (contract, name) in new[] { (eth, "eth"), (etc, "etc") })
        {
            var target = ready.Targets.Single(t => t.Target.Name == name);
            Assert.Equal(Convert.ToHexString(CheckpointTypedData.Digest(cp, contract.EvmChainId, contract.Address)),
                Convert.ToHexString(CheckpointDigest.Of(ready, target.Target)));
            var signatures = target.Signatures.Select(s => new SignatureArgument
            {
                R = s.Signature.Span[..32].ToArray(), S = s.Signature.Span[32..64].ToArray(), V = s.Signature.Span[64],
            }).ToList();
            var receipt = await contract.SubmitAsync(Submissions.Call(cp, signatures));
            Assert.Equal(1UL, receipt.Status.Value);
            Assert.Equal(10UL, await contract.LastHeightAsync());
            Assert.Equal(cp.StateRoot, (await contract.CheckpointAtAsync(10)).StateRoot);
        }
    }

    private static Seratio.Core.Chain.Genesis Genesis(AnchorContract eth, AnchorContract etc) => new()
    {
        ChainId = ChainId,
        Params = new ChainParams { CheckpointInterval = 10 },
        Validators = [.. Names.Select(n => new GenesisValidator { Name = n, PublicKey = Validator(n).PublicKey.ToString(), Power = 10 })],
        Anchor = new GenesisAnchor
        {
            Keys = [.. Names.Select(n => new GenesisAnchorKey
            {
                ValidatorPublicKey = Validator(n).PublicKey.ToString(),
                Address = AnchorCrypto.Hex(AnchorCrypto.AddressOf(Anchor(n))),
                Proof = Convert.ToHexStringLower(AnchorKeyProof.Sign(Anchor(n), Validator(n).PublicKey.ToArray(), ChainId)),
            })],
            Targets =
            [
                new GenesisAnchorTarget { Name = "eth", EvmChainId = (ulong)eth.EvmChainId, Contract = eth.Address.ToLowerInvariant() },
                new GenesisAnchorTarget { Name = "etc", EvmChainId = (ulong)etc.EvmChainId, Contract = etc.Address.ToLowerInvariant() },
            ],
        },
    };

    /// <summary>
    /// The Vm executing blocks on an in-memory state, as the node's block room does: the parent's hash and root in each
    /// block's context (here deterministic stand-ins), one transaction per call. Not thread safe.
    /// </summary>
    private sealed class VmChain(Seratio.Core.Chain.Genesis genesis) : IStateReader
    {
        private readonly Dictionary<Hash32, byte[]> _state = GenesisState.Build(genesis).ToDictionary(c => c.Key, c => c.Value!);
        private readonly Dictionary<string, ulong> _nonces = [];
        private ulong _height;

        public byte[]? Get(in Hash32 key) => _state.TryGetValue(key, out var v) ? v : null;

        public void RunTo(ulong height)
        {
            while (_height < height) Execute([]);
        }

        public Receipt Next(SigningKey sender, Msg[] msgs)
        {
            _nonces.TryGetValue(sender.PublicKey.ToString(), out var nonce);
            _nonces[sender.PublicKey.ToString()] = nonce + 1;
            var body = new TxBody { ChainId = genesis.ChainId, Sender = sender.Address.ToByteString(), Nonce = nonce, GasLimit = 1_000_000 };
            body.Msgs.Add(msgs);
            var bytes = TxDecoder.Sign(body, sender);
            Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(bytes, genesis.ChainId, 64 * 1024, out var tx, out var reason));
            return Execute([tx!]).Single();
        }

        public CheckpointRecord Checkpoint(ulong height) => AnchorStore.ReadCheckpoint(this, height) ?? throw new InvalidOperationException($"no checkpoint {height}");

        private IReadOnlyList<Receipt> Execute(SignedTx[] txs)
        {
            _height++;
            var context = new BlockContext(genesis.ChainId, _height, 1_800_000_000_000 + (long)_height * 1000, Validator("v0").Address, genesis.Params)
            {
                ParentHash = Stand(_height - 1, "block"),
                ParentStateRoot = Stand(_height - 1, "root"),
            };
            var outcome = new BlockExecutor().Execute(this, context, txs);
            foreach (var change in outcome.Changes)
                if (change.Value is null) _state.Remove(change.Key);
                else _state[change.Key] = change.Value;
            return outcome.Receipts;
        }

        private static Hash32 Stand(ulong height, string what) =>
            new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{what} {height}")));
    }
}
