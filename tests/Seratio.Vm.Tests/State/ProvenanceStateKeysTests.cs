using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Tests.State;

public class ProvenanceStateKeysTests
{
    private static List<byte> Tag() => new(System.Text.Encoding.ASCII.GetBytes("seratio/key"));

    [Fact]
    public void RecordKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = Tag();
        preimage.AddRange([StateKeys.ProvenanceRecordPrefix, 0, 0, 0, 0, 0, 0, 1, 2]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), StateKeys.ProvenanceRecord(0x0102));
    }

    [Fact]
    public void IndexChunkKey_IsPrefixOwnerAndBigEndianChunk()
    {
        var preimage = Tag();
        preimage.AddRange([StateKeys.ProvenanceByItemChunkPrefix, 2, (byte)'a', (byte)'b', 0, 0, 0, 0, 0, 0, 0, 3]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), StateKeys.ProvenanceIndexChunk(StateKeys.ProvenanceByItemChunkPrefix, [2, (byte)'a', (byte)'b'], 3));
    }

    [Fact]
    public void ProvenancePrefixes_StayInTheModuleRange()
    {
        var prefixes = StateKeys.Registry.Where(p => p.Key.StartsWith("provenance/", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(12, prefixes.Count);
        Assert.All(prefixes, p => Assert.InRange(p, (byte)0x60, (byte)0x6F));
    }
}
