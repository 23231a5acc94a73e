using CsCheck;
using Seratio.Consensus.Signing;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Tests.Signing;

public class DoubleSignGuardPropertyTests
{
    private static readonly Hash32[] Blocks = [Hash32.Sha256("x"u8), Hash32.Sha256("y"u8), Hash32.Sha256("z"u8)];

    [Fact]
    public void AnySequenceOfRequests_NeverSignsTwoBlocksAtOneStepNorGoesBack()
    {
        var request = Gen.Select(Gen.ULong[1, 4], Gen.UInt[0, 2], Gen.Int[1, 3], Gen.Int[0, 2])
            .Select((h, r, s, b) => new SignerState(h, r, (VoteStep)s, Blocks[b]));
        using var key = SigningKey.ForTesting("guard-property");
        request.Array[1, 40].Sample(requests =>
        {
            var store = new InMemorySignerStateStore();
            var guard = new DoubleSignGuard(store, key);
            var signedAt = new Dictionary<(ulong, uint, VoteStep), Hash32>();
            SignerState? highest = null;
            foreach (var next in requests)
            {
                var decision = guard.TrySign("c", next, default, out var signature);
                bool signed = decision is SignDecision.Signed or SignDecision.Resigned;
                Assert.Equal(signed, signature.Length > 0);
                if (!signed) continue;
                var hrs = (next.Height, next.Round, next.Step);
                if (signedAt.TryGetValue(hrs, out var earlier)) Assert.Equal(earlier, next.BlockHash);
                signedAt[hrs] = next.BlockHash;
                Assert.True(highest is not { } h || next.CompareHrs(h) >= 0, $"signed {next} below {highest}");
                highest = next;
                Assert.Equal(next, store.Load()!.State); // persisted before the signature was returned
            }
        }, iter: 500, seed: "0N0XIzNsQ0O2");
    }
}
