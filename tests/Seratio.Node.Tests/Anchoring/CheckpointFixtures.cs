using Google.Protobuf;
using Nethereum.Signer;
using Seratio.Core.Crypto;
using Seratio.Node.Tests.Mempool;
using Seratio.Protocol;
using Seratio.Vm.Modules.Anchor;

namespace Seratio.Node.Tests.Anchoring;

/// <summary>Checkpoint records written straight into a <see cref="FakeChain"/>'s state, as the anchor module keeps them.</summary>
internal static class CheckpointFixtures
{
    public static readonly byte[] EthContract = Convert.FromHexString("5fbdb2315678afecb367f032d93f642f64180aa3");

    public static EthECKey AnchorKey(string name) => new(AnchorCrypto.Keccak(System.Text.Encoding.UTF8.GetBytes("node-tests/anchor/" + name)), true);

    /// <summary>A checkpoint at <paramref name="height"/> whose set is the given validators (power 10 each) with targets eth and etc.</summary>
    public static CheckpointRecord Record(ulong height, params (SigningKey Validator, EthECKey Anchor)[] members)
    {
        var set = new AnchorSetState();
        set.Members.AddRange(members
            .Select(m => new AnchorSetMember { AnchorAddress = ByteString.CopyFrom(AnchorCrypto.AddressOf(m.Anchor)), Power = 10, ValidatorPublicKey = m.Validator.PublicKey.ToByteString() })
            .OrderBy(m => Convert.ToHexStringLower(m.AnchorAddress.Span), StringComparer.Ordinal));
        var hash = ByteString.CopyFrom(AnchorSets.Hash(set));
        var record = new CheckpointRecord
        {
            SeratioChainId = FakeChain.TestChainId,
            Height = height,
            BlockHash = ByteString.CopyFrom(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes($"block {height}")).ToArray()),
            StateRoot = ByteString.CopyFrom(Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes($"root {height}")).ToArray()),
            AnchorSetHash = hash,
            NextAnchorSetHash = hash,
            AnchorSet = set,
            NextAnchorSet = set,
            TotalPower = 10UL * (ulong)members.Length,
            CreatedHeight = height + 1,
        };
        record.Targets.Add(new CheckpointTargetState { Target = new AnchorTarget { Name = "etc", EvmChainId = 63, Contract = ByteString.CopyFrom(EthContract) } });
        record.Targets.Add(new CheckpointTargetState { Target = new AnchorTarget { Name = "eth", EvmChainId = 1337, Contract = ByteString.CopyFrom(EthContract) } });
        return record;
    }

    /// <summary>Stores <paramref name="records"/> (ascending height) with the module's count and sequence index.</summary>
    public static void Store(FakeChain chain, params CheckpointRecord[] records)
    {
        for (int i = 0; i < records.Length; i++)
        {
            chain.SetState(AnchorKeys.Checkpoint(records[i].Height), records[i].ToByteArray());
            chain.SetState(AnchorKeys.BySequence((ulong)i), Number(records[i].Height));
        }
        chain.SetState(AnchorKeys.Count(), Number((ulong)records.Length));
        chain.SetState(AnchorKeys.Latest(), Number(records[^1].Height));
        var targets = new AnchorTargets();
        targets.Targets.Add(records[^1].Targets.Select(t => t.Target));
        chain.SetState(AnchorKeys.Targets(), targets.ToByteArray());
        foreach (var record in records)
            foreach (var t in record.Targets.Where(t => t.Ready))
                chain.SetState(AnchorKeys.LatestReady(t.Target.Name), Number(record.Height));
    }

    private static byte[] Number(ulong value)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
