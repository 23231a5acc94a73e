using Google.Protobuf;
using Seratio.Bridges.Relaying;
using Seratio.Protocol;

namespace Seratio.Bridges.Tests.Relaying;

/// <summary>A ready checkpoint record becomes the contract call: signatures ascending by signer, the next set on a handover, nothing for a target not ready.</summary>
public sealed class ReadyCheckpointTests
{
    private static ByteString Bytes(byte fill, int length) => ByteString.CopyFrom(Enumerable.Repeat(fill, length).ToArray());

    private static CheckpointRecord Record(bool handover, bool ready)
    {
        var record = new CheckpointRecord
        {
            SeratioChainId = "c", Height = 30, BlockHash = Bytes(1, 32), StateRoot = Bytes(2, 32),
            AnchorSetHash = Bytes(3, 32), NextAnchorSetHash = handover ? Bytes(4, 32) : Bytes(3, 32),
        };
        if (handover)
            record.NextAnchorSet = new AnchorSetState { Members = { new AnchorSetMember { AnchorAddress = Bytes(0x0a, 20), Power = 5 }, new AnchorSetMember { AnchorAddress = Bytes(0x0b, 20), Power = 6 } } };
        var target = new CheckpointTargetState { Target = new AnchorTarget { Name = "etc", EvmChainId = 63 }, Ready = ready };
        // Stored out of order on purpose: the call must sort them.
        foreach (byte signer in new byte[] { 0xcc, 0x11, 0x77 })
            target.Signatures.Add(new CheckpointSignatureRecord { Signer = Bytes(signer, 20), Signature = ByteString.CopyFrom([.. Enumerable.Repeat(signer, 64), (byte)27]) });
        record.Targets.Add(target);
        return record;
    }

    [Fact]
    public void Signatures_AreSortedBySigner_AndSplitIntoRSV()
    {
        var call = ReadyCheckpoint.For(Record(handover: false, ready: true), "etc")!.ToCall();
        Assert.Equal([0x11, 0x77, 0xcc], call.Signatures.Select(s => (int)s.R[0]));
        Assert.All(call.Signatures, s => Assert.Equal((32, 32, (byte)27), (s.R.Length, s.S.Length, s.V)));
        Assert.Equal(30UL, call.Checkpoint.Height);
        Assert.Empty(call.NextSigners);
    }

    [Fact]
    public void AHandover_CarriesTheNextSet()
    {
        var ready = ReadyCheckpoint.For(Record(handover: true, ready: true), "etc")!;
        Assert.True(ready.IsHandover);
        var call = ready.ToCall();
        Assert.Equal(["0x" + string.Concat(Enumerable.Repeat("0a", 20)), "0x" + string.Concat(Enumerable.Repeat("0b", 20))], call.NextSigners);
        Assert.Equal([5, 6], call.NextPowers.Select(p => (int)p));
    }

    [Fact]
    public void ATargetNotReady_OrAbsent_GivesNothing()
    {
        Assert.Null(ReadyCheckpoint.For(Record(handover: false, ready: false), "etc"));
        Assert.Null(ReadyCheckpoint.For(Record(handover: false, ready: true), "eth"));
    }
}
