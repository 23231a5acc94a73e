using Google.Protobuf;
using Seratio.Client.Proofs;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Portal.Tests.Certificates;

/// <summary>
/// Test data for the portal's proof checks: four validators (powers 1, 2, 3, 4) with throw-away keys, a real in-memory
/// state tree holding three certificates, the header of its root and a commit signed over the sign bytes a node uses.
/// Not thread safe (one per test).
/// </summary>
internal sealed class ProofBuilder : IDisposable
{
    public const string ChainId = "portal-proof-test";
    public const ulong Height = 12;
    private const long BlockTime = 1_750_000_000_000;
    private static readonly Address Issuer = Address.Parse("ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh");

    public ProofBuilder()
    {
        Keys = [.. Enumerable.Range(0, 4).Select(i => SigningKey.ForTesting($"portal-validator-{i}"))];
        Set = new ValidatorSet(Keys.Select((k, i) => new Validator(k.PublicKey, (ulong)i + 1)));
        (Plain, Header) = Proven();
    }

    public SigningKey[] Keys { get; }
    public ValidatorSet Set { get; }
    public CertificateDocument Plain { get; }
    public BlockHeader Header { get; }

    /// <summary>Certificate 2's document carrying the header and a commit by <paramref name="signers"/> (default 1, 2, 3: power 9 of 10).</summary>
    public CertificateDocument Document(int[]? signers = null, SigningKey[]? others = null) =>
        Plain with { Block = Evidence(Header, Commit(Header, signers ?? [1, 2, 3], others)) };

    public Commit Commit(BlockHeader header, int[] signers, SigningKey[]? others = null)
    {
        var hash = CommitCheck.HeaderHash(header);
        var signBytes = VoteSignBytes.Create(ChainId, header.Height, 0, VoteStep.Precommit, hash);
        var commit = new Commit { Height = header.Height, Round = 0, BlockHash = hash.ToByteString() };
        foreach (var key in signers.Select(i => Keys[i]).Concat(others ?? []))
            commit.Signatures.Add(new CommitSig { Validator = key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(key.Sign(signBytes)) });
        return commit;
    }

    public static BlockEvidence Evidence(BlockHeader header, Commit commit) => new()
    {
        Header = Convert.ToHexStringLower(header.ToByteArray()),
        Commit = Convert.ToHexStringLower(commit.ToByteArray()),
    };

    private static CertificateState Certificate(ulong id) => new()
    {
        Id = id, Subject = 3, Issuer = Issuer.ToByteString(), SocialValue = "250", FinancialValue = "100", Scale = 2,
        SocialUnit = "GBP", Currency = "GBP", Ratio = "2500000000000000000", MethodId = "sroi", MethodVersion = 1,
        EvidenceUri = "ipfs://e", EvidenceHash = ByteString.CopyFrom(new byte[32]), ValidUntilUnixMs = BlockTime + 1,
    };

    private (CertificateDocument, BlockHeader) Proven()
    {
        var nodes = new InMemoryTreeNodeSource();
        var tree = new SparseMerkleTree(nodes);
        var certificates = new[] { Certificate(1), Certificate(2), Certificate(3) };
        var changes = new SortedDictionary<Hash32, Hash32?>();
        foreach (var c in certificates) changes[CertificateKeys.Certificate(c.Id)] = SparseMerkleTree.HashValue(c.ToByteArray());
        var update = tree.Update(Hash32.Zero, [.. changes]);
        nodes.Add(update.NewNodes);
        var proof = tree.Prove(update.Root, CertificateKeys.Certificate(2));
        proof.Value = ByteString.CopyFrom(certificates[1].ToByteArray());
        var response = new CertificateResponse
        {
            Certificate = certificates[1],
            Status = Vm.Modules.Certificates.Certificates.StatusAt(certificates[1], BlockTime),
            Height = Height,
            BlockTimeUnixMs = BlockTime,
            StateRoot = update.Root.ToByteString(),
            Proof = proof,
        };
        var header = new BlockHeader
        {
            ChainId = ChainId, Height = Height, TimeUnixMs = BlockTime, StateRoot = update.Root.ToByteString(),
            ParentHash = ByteString.CopyFrom(new byte[32]), ValidatorsHash = Set.Hash.ToByteString(),
        };
        return (CertificateDocument.From(response), header);
    }

    public void Dispose()
    {
        foreach (var key in Keys) key.Dispose();
    }
}
