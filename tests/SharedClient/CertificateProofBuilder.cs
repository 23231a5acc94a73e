using Google.Protobuf;
using Seratio.Client.Proofs;
using Seratio.Consensus.Validators;
using Seratio.Consensus.Votes;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Tests.SharedClient;

/// <summary>
/// Test data for certificate proof checks, shared by the CLI's and the portal's tests (linked into both projects; tests/Shared is linked into every test project and may not reference Seratio.Client):
/// four validators (powers 1, 2, 3, 4) with throw-away keys, a real in-memory state tree holding three certificates,
/// certificate 2's document proved against that root, the header of the root, and precommit commits signed by chosen
/// validators over the exact sign bytes a node uses. Not thread safe (one per test).
/// </summary>
internal class CertificateProofBuilder : IDisposable
{
    public const ulong Height = 12;
    /// <summary>The block time the certificates are proved at.</summary>
    public const long BlockTime = 1_750_000_000_000;
    private static readonly Address Issuer = Address.Parse("ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh");
    private readonly string _chainId;

    protected CertificateProofBuilder(string chainId, string keyPrefix)
    {
        _chainId = chainId;
        Keys = [.. Enumerable.Range(0, 4).Select(i => SigningKey.ForTesting($"{keyPrefix}-{i}"))];
        Set = new ValidatorSet(Keys.Select((k, i) => new Validator(k.PublicKey, (ulong)i + 1)));
        (Plain, Header) = Proven();
    }

    public SigningKey[] Keys { get; }
    public ValidatorSet Set { get; }
    /// <summary>Certificate 2's document with its proof and no block evidence.</summary>
    public CertificateDocument Plain { get; }
    public BlockHeader Header { get; }

    /// <summary>A precommit commit of <paramref name="header"/> signed by the keys at <paramref name="signers"/> (indexes into <see cref="Keys"/>), and by <paramref name="others"/>.</summary>
    public Commit Commit(BlockHeader header, int[] signers, SigningKey[]? others = null, string? chainId = null)
    {
        var hash = CommitCheck.HeaderHash(header);
        var signBytes = VoteSignBytes.Create(chainId ?? _chainId, header.Height, 0, VoteStep.Precommit, hash);
        var commit = new Commit { Height = header.Height, Round = 0, BlockHash = hash.ToByteString() };
        foreach (var key in signers.Select(i => Keys[i]).Concat(others ?? []))
            commit.Signatures.Add(new CommitSig { Validator = key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(key.Sign(signBytes)) });
        return commit;
    }

    /// <summary>Certificate 2's document carrying the header and a commit by <paramref name="signers"/> (default 1, 2, 3: power 9 of 10).</summary>
    public CertificateDocument WithBlock(int[]? signers = null, SigningKey[]? others = null) =>
        Plain with { Block = Evidence(Header, Commit(Header, signers ?? [1, 2, 3], others)) };

    public static BlockEvidence Evidence(BlockHeader header, Commit commit) => new()
    {
        Header = Convert.ToHexStringLower(header.ToByteArray()),
        Commit = Convert.ToHexStringLower(commit.ToByteArray()),
    };

    /// <summary>A certificate of subject 3 with S/E ratio 2.5, valid until <paramref name="validUntil"/> (default: just after <see cref="BlockTime"/>).</summary>
    public static CertificateState Certificate(ulong id, long validUntil = BlockTime + 1) => new()
    {
        Id = id, Subject = 3, Issuer = Issuer.ToByteString(), SocialValue = "250", FinancialValue = "100", Scale = 2,
        SocialUnit = "GBP", Currency = "GBP", Ratio = "2500000000000000000", MethodId = "sroi", MethodVersion = 1,
        EvidenceUri = "ipfs://e", EvidenceHash = ByteString.CopyFrom(new byte[32]), ValidUntilUnixMs = validUntil,
    };

    private (CertificateDocument, BlockHeader) Proven()
    {
        var (document, root) = ProveSecond(Height);
        var header = new BlockHeader
        {
            ChainId = _chainId, Height = Height, TimeUnixMs = BlockTime, StateRoot = root.ToByteString(),
            ParentHash = ByteString.CopyFrom(new byte[32]), ValidatorsHash = Set.Hash.ToByteString(),
        };
        return (document, header);
    }

    /// <summary>
    /// Certificates 1, 2 (or <paramref name="two"/>) and 3 in a fresh in-memory state tree, and certificate 2's document
    /// with its proof, as a node answers at <paramref name="height"/> and <see cref="BlockTime"/>; the tree's root.
    /// </summary>
    public static (CertificateDocument Document, Hash32 Root) ProveSecond(ulong height, CertificateState? two = null)
    {
        var nodes = new InMemoryTreeNodeSource();
        var tree = new SparseMerkleTree(nodes);
        var certificates = new[] { Certificate(1), two ?? Certificate(2), Certificate(3) };
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
            Height = height,
            BlockTimeUnixMs = BlockTime,
            StateRoot = update.Root.ToByteString(),
            Proof = proof,
        };
        return (CertificateDocument.From(response), update.Root);
    }

    public void Dispose()
    {
        foreach (var key in Keys) key.Dispose();
        GC.SuppressFinalize(this);
    }
}
