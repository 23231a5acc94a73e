using Seratio.Core.Crypto;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.State;

namespace Seratio.Vm.Tests.State;

public class ProvenanceStateKeysTests
{
    private static List<byte> Tag() => new(System.Text.Encoding.ASCII.GetBytes("seratio/key"));

    [Fact]
    public void RecordKey_IsSha256OfTagPrefixAndBigEndianId()
    {
        var preimage = Tag();
        preimage.AddRange([ProvenanceKeys.RecordPrefix, 0, 0, 0, 0, 0, 0, 1, 2]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ProvenanceKeys.Record(0x0102));
    }

    [Fact]
    public void IndexChunkKey_IsPrefixOwnerAndBigEndianChunk()
    {
        var preimage = Tag();
        preimage.AddRange([ProvenanceKeys.ByItemChunkPrefix, 2, (byte)'a', (byte)'b', 0, 0, 0, 0, 0, 0, 0, 3]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ProvenanceKeys.IndexChunk(ProvenanceKeys.ByItemChunkPrefix, [2, (byte)'a', (byte)'b'], 3));
    }

    [Fact]
    public void ByLotCountKey_IsSha256OfTagPrefixAndBigEndianLotId()
    {
        var preimage = Tag();
        preimage.AddRange([ProvenanceKeys.ByLotCountPrefix, 0, 0, 0, 0, 0, 0, 0, 7]);
        Assert.Equal(Hash32.Sha256(preimage.ToArray()), ProvenanceKeys.IndexCount(ProvenanceKeys.ByLotCountPrefix, [0, 0, 0, 0, 0, 0, 0, 7]));
    }

    [Fact]
    public void ProvenancePrefixes_StayInTheModuleRange()
    {
        var prefixes = StateKeys.Registry.Where(p => p.Key.StartsWith("provenance/", StringComparison.Ordinal)).Select(p => p.Value).ToList();
        Assert.Equal(12, prefixes.Count);
        Assert.All(prefixes, p => Assert.InRange(p, (byte)0x60, (byte)0x6F));
    }
}
