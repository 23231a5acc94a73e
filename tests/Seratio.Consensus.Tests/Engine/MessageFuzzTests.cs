using CsCheck;
using Google.Protobuf;
using Seratio.Consensus.Engine;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Tests.Shared;

namespace Seratio.Consensus.Tests.Engine;

/// <summary>
/// Issue 9, fuzzed decoders: bytes from a peer on the consensus channel — random, or a signed proposal or vote with
/// bytes flipped, inserted, deleted or cut — either fail to parse with the documented InvalidProtocolBufferException
/// or reach the engine, which refuses what is wrong and never throws. CsCheck prints a failing seed to replay.
/// </summary>
public sealed class MessageFuzzTests
{
    [Fact]
    public void RandomAndMutatedConsensusBytes_NeverEscapeAsAnythingButAParseFailure()
    {
        var h = new EngineHarness(0, 10, 10, 10, 10);
        h.Engine.StartHeight(1, h.Set);
        var block = EngineHarness.Block(1, "fuzz");
        byte[][] valid =
        [
            new ConsensusMessage { Proposal = h.Proposal(1, 0, block) }.ToByteArray(),
            new ConsensusMessage { Vote = h.Vote(1, VoteStep.Prevote, 1, 0, Seratio.Consensus.Messages.BlockIds.Of(block)) }.ToByteArray(),
            new ConsensusMessage { Vote = h.Vote(2, VoteStep.Precommit, 1, 0, Hash32.Zero) }.ToByteArray(),
        ];
        var inputs = Gen.OneOf(Gen.Byte.Array[0, 512], Mutations.Of(valid));
        inputs.Sample(bytes =>
        {
            ConsensusMessage message;
            try { message = ConsensusMessage.Parser.ParseFrom(bytes); }
            catch (InvalidProtocolBufferException) { return; }
            _ = h.Engine.OnMessage(message); // refuses or accepts; throwing would end the driver's loop
        }, iter: 5_000);
    }
}
