using System.Threading.Channels;
using CsCheck;
using Google.Protobuf;
using Seratio.Core.Transactions;
using Seratio.Node.Consensus;
using Seratio.Node.P2P;
using Seratio.Node.Tests.Mempool;
using Seratio.Node.Tests.P2P;
using Seratio.Protocol;
using Seratio.Tests.Shared;

namespace Seratio.Node.Tests.Fuzz;

/// <summary>
/// Issue 9, fuzzed decoders: what a client or peer sends — random bytes, or valid encodings with bytes flipped,
/// inserted, deleted or cut — gets the documented decode failure and nothing else: no exception from the
/// transaction and sync decoders, and a refused (never accepted, never thrown) handshake. Thousands of cases per run;
/// CsCheck prints a failing seed to replay.
/// </summary>
public sealed class DecoderFuzzTests
{
    [Fact]
    public void TxDecoder_OnRandomAndMutatedBytes_ReturnsAFormatErrorOrATransaction_NeverThrows()
    {
        byte[][] valid = [TestTx.From("alice").Nonce(0).Bytes(), TestTx.From("bob").Nonce(7).Memo("fuzz me").Bytes()];
        Gen.OneOf(Gen.Byte.Array[0, 1024], Mutations.Of(valid)).Sample(bytes =>
        {
            var error = TxDecoder.TryDecode(bytes, FakeChain.TestChainId, TxDecoder.MaxTxBytes, out var tx, out var reason);
            if (error == TxFormatError.None) Assert.NotNull(tx);
            else Assert.False(string.IsNullOrEmpty(reason));
        }, iter: 10_000);
    }

    [Fact]
    public void SyncMessages_OnRandomAndMutatedBytes_DecodeOrRefuse_NeverThrow()
    {
        byte[][] valid = [SyncMessages.Status(42), SyncMessages.Request(7, 32), SyncMessages.Pruned(9)];
        Gen.OneOf(Gen.Byte.Array[0, 512], Mutations.Of(valid)).Sample(bytes => { _ = SyncMessages.TryDecode(bytes, out _); }, iter: 10_000);
    }

    [Fact]
    public async Task Handshake_OnRandomAndMutatedFrames_IsRefusedOrClosed_NeverThrowsNorAccepts()
    {
        var network = PeerNetworkTests.Network("fuzz");
        byte[][] valid =
        [
            new PeerFrame { Hello = new PeerHello { ProtocolVersion = 1, ChainId = TestPeers.ChainId, GenesisHash = TestPeers.GenesisHash.ToByteString(), NodeKey = TestPeers.Key("b").PublicKey.ToByteString(), Challenge = ByteString.CopyFrom(new byte[32]) } }.ToByteArray(),
            new PeerFrame { Proof = new PeerHelloProof { Signature = ByteString.CopyFrom(new byte[64]) } }.ToByteArray(),
        ];
        var cases = Gen.OneOf(Gen.Byte.Array[0, 256], Mutations.Of(valid)).Array[1, 3].Array[300].Single();
        foreach (var frames in cases)
        {
            var incoming = Channel.CreateUnbounded<PeerFrame>();
            foreach (var bytes in frames)
            {
                try { incoming.Writer.TryWrite(PeerFrame.Parser.ParseFrom(bytes)); }
                catch (InvalidProtocolBufferException) { } // the gRPC transport refuses these before the handshake sees them
            }
            incoming.Writer.TryComplete();
            var stream = new MemoryFrameStream(incoming.Reader, Channel.CreateUnbounded<PeerFrame>().Writer, "mem:fuzz");
            var result = await network.RunSessionAsync(stream, PeerDirection.Inbound, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(result.Handshake.IsAccepted, $"a fuzzed handshake was accepted: {Convert.ToHexString(frames.SelectMany(f => f).ToArray())}");
        }
    }
}
