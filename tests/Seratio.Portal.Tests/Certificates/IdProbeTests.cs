using Seratio.Portal.Certificates;

namespace Seratio.Portal.Tests.Certificates;

public sealed class IdProbeTests
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
}
