using Grpc.Core;
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

    [Theory]
    [InlineData(0UL, null, new ulong[0], 0UL)]
    [InlineData(45UL, null, new ulong[] { 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26 }, 26UL)]
    [InlineData(45UL, 26UL, new ulong[] { 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6 }, 6UL)]
    [InlineData(45UL, 6UL, new ulong[] { 5, 4, 3, 2, 1 }, 0UL)]
    [InlineData(45UL, 1000UL, new ulong[] { 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26 }, 26UL)]
    [InlineData(20UL, null, new ulong[] { 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 }, 0UL)]
    public async Task APageNewestFirst_ReadsTheIdsBelowBefore_AndNamesTheOlderPage(ulong newest, ulong? before, ulong[] expected, ulong next)
    {
        var page = await IdProbe.NewestFirstAsync((id, _) => id >= 1 && id <= newest
            ? Task.FromResult(id)
            : Task.FromException<ulong>(new RpcException(new Status(StatusCode.NotFound, $"no {id}"))), before, 20, CancellationToken.None);
        Assert.Equal(newest, page.Newest);
        Assert.Equal(expected, page.Rows);
        Assert.Equal(next, page.Next);
    }

    [Fact]
    public async Task AnErrorOtherThanNotFound_ReachesThePage()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => IdProbe.NewestFirstAsync<ulong>(
            (_, _) => Task.FromException<ulong>(new RpcException(new Status(StatusCode.Unavailable, "down"))), null, 20, CancellationToken.None));
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
