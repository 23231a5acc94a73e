using Google.Protobuf;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

public class AccountsTests
{
    [Fact]
    public void Read_OfAbsentAccount_IsNonceZeroBalanceZero()
    {
        var account = Accounts.Read(new MemoryState(), TestKeys.Address("nobody"));
        Assert.Equal(0UL, account.Nonce);
        Assert.Equal("0", account.Balance);
    }

    [Fact]
    public void Read_ReturnsStoredNonceAndBalance()
    {
        var state = new MemoryState().WithAccount("alice", Ser.Whole(12), nonce: 4);
        var account = Accounts.Read(state, TestKeys.Address("alice"));
        Assert.Equal(4UL, account.Nonce);
        Assert.Equal("12000000", account.Balance);
    }

    [Fact]
    public void EncodeDecode_RoundTrips()
    {
        var record = new AccountRecord(7, new Amount(UInt128.MaxValue));
        Assert.Equal(record, Accounts.Decode(Accounts.Encode(record)));
    }

    [Fact]
    public void Decode_OfNonCanonicalBalance_IsABrokenInvariant()
    {
        var bytes = new AccountState { Nonce = 1, Balance = "007" }.ToByteArray();
        Assert.Throws<InvalidDataException>(() => Accounts.Decode(bytes));
    }

    [Fact]
    public void Decode_OfGarbage_IsABrokenInvariant()
    {
        Assert.Throws<InvalidDataException>(() => Accounts.Decode([0xff, 0xff, 0xff]));
    }
}
