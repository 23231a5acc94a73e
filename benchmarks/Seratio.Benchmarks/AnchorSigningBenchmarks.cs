using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Nethereum.Signer;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Benchmarks;

/// <summary>
/// What anchoring costs a validator per checkpoint and target (docs/anchoring.md): the node's signing
/// (<see cref="CheckpointDigest.Of"/>, the EIP-712 digest, then a secp256k1 RFC 6979 signature, as
/// <c>CheckpointSigningPlan</c> does it), the Vm's check of one signature (<see cref="AnchorCrypto.Recover"/>:
/// ecrecover with the low-s rule, as MsgSubmitCheckpointSignature runs it in every validator), and next to them one
/// Ed25519 verification of a transaction-sized message, the bound every transaction pays once.
/// </summary>
[MemoryDiagnoser]
public class AnchorSigningBenchmarks
{
    private readonly EthECKey _anchorKey = new(AnchorCrypto.Keccak("bench/anchor"u8.ToArray()), true);
    private CheckpointRecord _checkpoint = null!;
    private AnchorTarget _target = null!;
    private byte[] _digest = [];
    private byte[] _signature = [];
    private SigningKey _ed25519 = null!;
    private PublicKey _edPublic;
    private byte[] _message = [];
    private byte[] _edSignature = [];

    [GlobalSetup]
    public void Setup()
    {
        var set = new AnchorSetState();
        for (int i = 0; i < 4; i++)
        {
            var key = new EthECKey(AnchorCrypto.Keccak(System.Text.Encoding.UTF8.GetBytes($"bench/anchor-{i}")), true);
            set.Members.Add(new AnchorSetMember { AnchorAddress = ByteString.CopyFrom(AnchorCrypto.AddressOf(key)), Power = 10, ValidatorPublicKey = ByteString.CopyFrom(new byte[32]) });
        }
        var hash = ByteString.CopyFrom(AnchorSets.Hash(set));
        _checkpoint = new CheckpointRecord
        {
            SeratioChainId = "seratio-devnet-1", Height = 1_000, BlockHash = ByteString.CopyFrom(Enumerable.Repeat((byte)7, 32).ToArray()),
            StateRoot = ByteString.CopyFrom(Enumerable.Repeat((byte)9, 32).ToArray()), AnchorSetHash = hash, NextAnchorSetHash = hash, AnchorSet = set, NextAnchorSet = set,
        };
        _target = new AnchorTarget { Name = "eth", EvmChainId = 1, Contract = ByteString.CopyFrom(Convert.FromHexString("5fbdb2315678afecb367f032d93f642f64180aa3")) };
        _digest = CheckpointDigest.Of(_checkpoint, _target);
        _signature = AnchorCrypto.Sign(_anchorKey, _digest);
        _ed25519 = SigningKey.ForTesting("bench/ed25519");
        _message = new byte[200];
        _edSignature = _ed25519.Sign(_message);
        _edPublic = _ed25519.PublicKey;
    }

    [GlobalCleanup]
    public void Cleanup() => _ed25519.Dispose();

    /// <summary>The EIP-712 digest alone (keccak of the domain, the struct and the envelope).</summary>
    [Benchmark]
    public byte[] Digest() => CheckpointDigest.Of(_checkpoint, _target);

    /// <summary>What a validator's node does per checkpoint and target: digest and sign.</summary>
    [Benchmark]
    public byte[] SignCheckpoint() => AnchorCrypto.Sign(_anchorKey, CheckpointDigest.Of(_checkpoint, _target));

    /// <summary>What every validator's Vm does per submitted signature: recover the signer (low-s, v 27/28).</summary>
    [Benchmark]
    public byte[]? VerifySignature() => AnchorCrypto.Recover(_digest, _signature, out _);

    /// <summary>The bound: one Ed25519 verification (libsodium) of a 200-byte message.</summary>
    [Benchmark(Baseline = true)]
    public bool Ed25519Verify() => _edPublic.Verify(_message, _edSignature);
}
