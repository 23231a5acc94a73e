using CsCheck;
using Seratio.Consensus.Validators;

namespace Seratio.Consensus.Tests.Validators;

public class ProposerScheduleTests
{
    [Fact]
    public void ProposerAt_MatchesTheRotationFromScratch_InAnyQueryOrder()
    {
        var gen = Gen.Select(Gen.ULong[1, 10].Array[1, 6], Gen.Select(Gen.ULong[1, 12], Gen.UInt[0, 5]).Array[1, 20]);
        gen.Sample((powers, queries) =>
        {
            var (set, _) = TestValidators.Build(powers);
            var schedule = new ProposerSchedule(set);
            foreach (var (height, round) in queries)
            {
                Assert.Equal(ProposerRotation.ProposerAt(set, height, round), schedule.ProposerAt(height, round));
                schedule.Prune(height);
            }
        }, seed: "0N0XIzNsQ0O2", iter: 200);
    }
}
