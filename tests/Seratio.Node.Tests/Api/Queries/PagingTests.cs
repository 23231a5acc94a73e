using Grpc.Core;
using Seratio.Node.Api.Queries;

namespace Seratio.Node.Tests.Api.Queries;

public class PagingTests
{
    [Theory]
    [InlineData(0u, 50)]
    [InlineData(1u, 1)]
    [InlineData(100u, 100)]
    public void Size_OfZero_IsTheDefault_AndUpToTheMaximumIsKept(uint requested, int expected) =>
        Assert.Equal(expected, Paging.Size(requested));

    [Fact]
    public void Size_AboveTheMaximum_IsInvalidArgument_SayingTheMaximum()
    {
        var ex = Assert.Throws<RpcException>(() => Paging.Size(101));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("page_size 101 is above 100; ask for at most 100 per page", ex.Status.Detail);
    }

    [Theory]
    [InlineData("", 0ul)]
    [InlineData("0", 0ul)]
    [InlineData("12345", 12345ul)]
    [InlineData("18446744073709551615", ulong.MaxValue)]
    public void Position_OfATokenThisNodeGave_RoundTrips(string token, ulong expected)
    {
        Assert.Equal(expected, Paging.Position(token));
        if (token.Length > 0) Assert.Equal(token, Paging.Token(expected));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.0")]
    [InlineData("abc")]
    [InlineData("18446744073709551616")]
    public void Position_OfAnyOtherToken_IsInvalidArgument_NamingIt(string token)
    {
        var ex = Assert.Throws<RpcException>(() => Paging.Position(token));
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal($"page_token '{token}' is not one this node gave; pass next_page_token of the previous page, or empty for the first", ex.Status.Detail);
    }

    [Theory]
    [InlineData("", 7ul, 7ul)]   // the first page starts at the newest
    [InlineData("", 0ul, 0ul)]   // an empty chain: nothing
    [InlineData("5", 7ul, 5ul)]  // the id the next page starts at
    [InlineData("9", 7ul, 7ul)]  // above the newest: from the newest
    [InlineData("0", 7ul, 0ul)]  // below id 1: nothing left
    public void NewestFirstTop_IsTheTokensId_NeverAboveTheNewest(string token, ulong lastId, ulong expected) =>
        Assert.Equal(expected, Paging.NewestFirstTop(token, lastId));

    [Fact]
    public void NewestFirstTop_OfATokenThisNodeDidNotGive_IsInvalidArgument() =>
        Assert.Equal(StatusCode.InvalidArgument, Assert.Throws<RpcException>(() => Paging.NewestFirstTop("x", 7)).StatusCode);
}
