using Seratio.Consensus.Validators;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Tests.Validators;

public class ProposerRotationTests
{
    [Fact]
    public void Rotation_OverManyHeights_IsProportionalToPower()
    {
        var powers = new ulong[] { 1, 2, 3, 4 };
        var (set, keys) = TestValidators.Build(powers);
        var rotation = new ProposerRotation(set);
        var counts = new Dictionary<PublicKey, int>();
        const int steps = 1000; // 100 full cycles of total power 10
        for (int i = 0; i < steps; i++)
        {
            counts[rotation.Current] = counts.GetValueOrDefault(rotation.Current) + 1;
            rotation.Advance();
        }
        for (int i = 0; i < keys.Length; i++)
            Assert.Equal((int)powers[i] * steps / 10, counts[keys[i].PublicKey]);
    }

    [Fact]
    public void Rotation_WithEqualPowers_IsRoundRobin()
    {
        var (set, _) = TestValidators.Build(1, 1, 1);
        var rotation = new ProposerRotation(set);
        var first = Enumerable.Range(0, 3).Select(_ => { var c = rotation.Current; rotation.Advance(); return c; }).ToList();
        Assert.Equal(3, first.Distinct().Count());
        var second = Enumerable.Range(0, 3).Select(_ => { var c = rotation.Current; rotation.Advance(); return c; }).ToList();
        Assert.Equal(first, second);
    }

    [Fact]
    public void Rotation_WithOneValidator_AlwaysPicksIt()
    {
        var (set, keys) = TestValidators.Build(7);
        var rotation = new ProposerRotation(set);
        for (int i = 0; i < 20; i++, rotation.Advance()) Assert.Equal(keys[0].PublicKey, rotation.Current);
    }

    [Fact]
    public void Rotation_IsDeterministic_AndMatchesProposerAt()
    {
        var (set, _) = TestValidators.Build(5, 1, 9, 2, 2);
        var rotation = new ProposerRotation(set);
        for (ulong height = 1; height <= 60; height++, rotation.Advance())
            Assert.Equal(rotation.Current, ProposerRotation.ProposerAt(set, height, 0));
        Assert.Equal(ProposerRotation.ProposerAt(set, 3, 2), ProposerRotation.ProposerAt(set, 5, 0));
    }

    [Fact]
    public void Priorities_StayBoundedAndCentred()
    {
        var (set, _) = TestValidators.Build(1, 1000, 3);
        var rotation = new ProposerRotation(set);
        long limit = 2 * (long)set.TotalPower;
        for (int i = 0; i < 5000; i++)
        {
            rotation.Advance();
            Assert.True(rotation.Priorities.Max() - rotation.Priorities.Min() <= 2 * limit, $"spread exceeds bound at step {i}");
            Assert.InRange(rotation.Priorities.Sum(), -limit, limit);
        }
    }

    [Fact]
    public void Rotation_HeavyValidatorDoesNotStarveLightOnes()
    {
        var (set, keys) = TestValidators.Build(1, 100);
        var rotation = new ProposerRotation(set);
        int light = 0;
        for (int i = 0; i < 101; i++, rotation.Advance())
            if (rotation.Current == keys[0].PublicKey) light++;
        Assert.Equal(1, light);
    }
}
