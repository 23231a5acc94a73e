using Google.Protobuf;
using Seratio.Cli.Verification;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Microshares;

namespace Seratio.Cli.Tests.Verification;

/// <summary>
/// The local check every verify command runs before it asks a contract, on a microshare lot over a real in-memory
/// state tree: a tampered shown value, key, sibling or root is refused by reason; the honest one passes.
/// </summary>
public sealed class ProvenValueClaimTests
{
    private static MicroshareLotState Lot(ulong id) => new()
    {
        Id = id, ClassId = 1, UnitsMinted = (3000 + id).ToString(System.Globalization.CultureInfo.InvariantCulture),
        Flags = new LotFlags { OriginAsset = "SER", OriginAmount = "1000", CertificateId = 1, OriginTxHash = ByteString.CopyFrom(new byte[32]) },
    };

    private static (ProvenValueClaim<MicroshareLotState> Claim, BlockHeader Header, StateProof Proof, MicroshareLotState Lot) Proven(Func<StateProof, StateProof>? tamper = null, MicroshareLotState? shown = null, ulong id = 2)
    {
        var nodes = new InMemoryTreeNodeSource();
        var tree = new SparseMerkleTree(nodes);
        var lots = new[] { Lot(1), Lot(2), Lot(3), Lot(4) };
        var changes = new SortedDictionary<Hash32, Hash32?>();
        foreach (var l in lots) changes[MicroshareKeys.Lot(l.Id)] = SparseMerkleTree.HashValue(l.ToByteArray());
        var update = tree.Update(Hash32.Zero, [.. changes]);
        nodes.Add(update.NewNodes);
        var proof = tree.Prove(update.Root, MicroshareKeys.Lot(2));
        proof.Value = ByteString.CopyFrom(lots[1].ToByteArray());
        proof = tamper?.Invoke(proof.Clone()) ?? proof;
        var header = new BlockHeader { Height = 20, StateRoot = update.Root.ToByteString() };
        var claim = new ProvenValueClaim<MicroshareLotState>($"lot {id}", MicroshareKeys.Lot(id), shown ?? lots[1], MicroshareLotState.Parser, 20, update.Root.ToByteString(), proof);
        return (claim, header, proof, lots[1]);
    }

    [Fact]
    public void TheHonestLot_Checks()
    {
        var (claim, header, _, _) = Proven();
        Assert.True(claim.Check(header, out var reason), reason);
    }

    [Fact]
    public void AShownLotWithOneFlagChanged_DiffersFromTheProvenValue()
    {
        var shown = Lot(2);
        shown.Flags.OriginAmount = "1000000";
        var (claim, header, _, _) = Proven(shown: shown);
        Assert.False(claim.Check(header, out var reason));
        Assert.Contains("differs from the proven value", reason);
    }

    [Fact]
    public void ATamperedProvenValue_DoesNotLeadToTheRoot()
    {
        var forged = Lot(2);
        forged.UnitsMinted = "9999999";
        var (claim, header, _, _) = Proven(p => { p.Value = forged.ToByteString(); return p; }, shown: forged);
        Assert.False(claim.Check(header, out var reason));
        Assert.Contains("does not lead to the state root", reason);
    }

    [Fact]
    public void AProofOfAnotherLotsKey_IsRefused()
    {
        var (claim, header, _, _) = Proven(id: 3);
        Assert.False(claim.Check(header, out var reason));
        Assert.Contains("not lot 3's key", reason);
    }

    [Fact]
    public void ATamperedSibling_DoesNotLeadToTheRoot()
    {
        var (claim, header, _, _) = Proven(p =>
        {
            var s = p.Siblings[0].ToByteArray();
            s[31] ^= 1;
            p.Siblings[0] = ByteString.CopyFrom(s);
            return p;
        });
        Assert.False(claim.Check(header, out var reason));
        Assert.Contains("does not lead to the state root", reason);
    }

    [Fact]
    public void AHeaderWithAnotherRoot_IsNotTheRootTheNodeStated()
    {
        var (claim, header, _, _) = Proven();
        var other = header.Clone();
        other.StateRoot = ByteString.CopyFrom(Enumerable.Repeat((byte)9, 32).ToArray());
        Assert.False(claim.Check(other, out var reason));
        Assert.Contains("is not block 20's", reason);
    }
}
