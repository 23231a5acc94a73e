using Seratio.Portal.Certificates;

namespace Seratio.Portal.Tests.Certificates;

public sealed class IdPagingTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(7UL)]
    [InlineData(8UL)]
    [InlineData(1000UL)]
    [InlineData(1_000_000UL)]
    public async Task FindsTheHighestId_InFewQuestions(ulong highest)
    {
        int asked = 0;
        var found = await IdProbe.HighestAsync((id, _) => { asked++; return Task.FromResult(id >= 1 && id <= highest); }, CancellationToken.None);
        Assert.Equal(highest, found);
        Assert.True(asked <= 2 * (int)Math.Ceiling(Math.Log2(highest + 2)) + 2, $"{asked} questions for {highest}");
    }

    [Fact]
    public async Task ACounterBeyondTheBound_StopsAtTheCap()
    {
        var found = await IdProbe.HighestAsync((_, _) => Task.FromResult(true), CancellationToken.None);
        Assert.Equal(1UL << 31, found);
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData(0UL, "")]
    [InlineData(1UL, "0")]
    [InlineData(26UL, "25")]
    public void APageBelowBefore_StartsAtTheIdUnderIt(ulong? before, string token) =>
        Assert.Equal(token, NewestFirst.TokenBelow(before));

    [Fact]
    public void TheOlderPage_StartsBelowTheLowestIdShown_OnlyWhenTheNodeSaysMoreRemain()
    {
        Assert.Equal(26UL, NewestFirst.Older([45, 44, 26, 30], "25"));
        Assert.Equal(0UL, NewestFirst.Older([5, 4, 3, 2, 1], ""));
        Assert.Equal(0UL, NewestFirst.Older([], "7"));
    }

    [Theory]
    [InlineData(null, 45UL, true)]
    [InlineData(0UL, 45UL, true)]
    [InlineData(46UL, 45UL, true)]
    [InlineData(1000UL, 45UL, true)]
    [InlineData(45UL, 45UL, false)]
    [InlineData(26UL, 45UL, false)]
    public void ThePageIsTheNewest_WhenItStartsAtOrAboveTheNewestId(ulong? before, ulong lastId, bool newest) =>
        Assert.Equal(newest, NewestFirst.IsNewest(before, lastId));
}
