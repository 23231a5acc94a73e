using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Organisations;

namespace Seratio.Node.Tests.Api;

/// <summary>GetMultisigAccount: an organisation account's keys, threshold, nonce and balance, proved; and every refusal.</summary>
public sealed class MultisigQueryTests
{
    private static readonly Core.Addressing.Address Org = Multisig.AddressFor(Hash32.Sha256("query-org"u8), 3);

    private static ApiFixture WithOrg()
    {
        var f = new ApiFixture();
        var account = new MultisigAccountState { Address = Org.ToByteString(), Threshold = 2, Name = "Green NGO", CreatedHeight = 1, UpdatedHeight = 1 };
        foreach (var name in new[] { "q1", "q2", "q3" }) account.PublicKeys.Add(SigningKey.ForTesting(name).PublicKey.ToByteString());
        f.Chain.SetState(MultisigKeys.Account(Org), Google.Protobuf.MessageExtensions.ToByteArray(account));
        f.Chain.SetAccount(Org, 4, new Amount(777));
        f.Chain.Commit();
        return f;
    }

    [Fact]
    public async Task GetMultisigAccount_AnswersKeysThresholdNonceAndBalance_WithAProof()
    {
        var f = WithOrg();
        var response = await f.Service.GetMultisigAccount(new GetMultisigAccountRequest { Address = Org.ToString(), Prove = true }, f.Context);
        Assert.Equal(2u, response.Account.Threshold);
        Assert.Equal(3, response.Account.PublicKeys.Count);
        Assert.Equal("Green NGO", response.Account.Name);
        Assert.Equal(4ul, response.Nonce);
        Assert.Equal("777", response.Balance);
        Assert.Equal(1ul, response.Height);
        Assert.NotNull(response.Proof);
        Assert.Null((await f.Service.GetMultisigAccount(new GetMultisigAccountRequest { Address = Org.ToString() }, f.Context)).Proof);
    }

    [Fact]
    public async Task GetMultisigAccount_OfAKeysAccount_IsNotFound_PointingToGetAccount()
    {
        var f = WithOrg();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.GetMultisigAccount(new GetMultisigAccountRequest { Address = SigningKey.ForTesting("q1").Address.ToString() }, f.Context));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("is not an organisation account", error.Status.Detail);
        Assert.Contains("GetAccount", error.Status.Detail);
    }

    [Theory]
    [InlineData("", "address")]
    [InlineData("ser1notanaddress", "address")]
    public async Task GetMultisigAccount_WithABadAddress_IsInvalidArgument(string address, string named)
    {
        var f = WithOrg();
        var error = await Assert.ThrowsAsync<RpcException>(() => f.Service.GetMultisigAccount(new GetMultisigAccountRequest { Address = address }, f.Context));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(named, error.Status.Detail);
    }

    [Fact]
    public async Task GetMultisigAccount_AboveTheHead_IsRefused()
    {
        var f = WithOrg();
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            f.Service.GetMultisigAccount(new GetMultisigAccountRequest { Address = Org.ToString(), Height = 99 }, f.Context));
        Assert.NotEqual(StatusCode.OK, error.StatusCode);
    }
}
