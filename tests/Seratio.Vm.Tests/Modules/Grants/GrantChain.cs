using Google.Protobuf;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.ValueMsgs;
using G = Seratio.Vm.Modules.Grants.Grants;

using DafModule = Seratio.Vm.Modules.Daf.Daf;

namespace Seratio.Vm.Tests.Modules.Grants;

/// <summary>Messages, a ready state and reads of the grants module for tests.</summary>
public static class GrantChain
{
    public static readonly string[] Stakers = ["alice", "bob", "carol", "dave"];

    /// <summary>The defaults with a fast decay (a = 9/10: the limit is 10 × the stake) and a short lifetime.</summary>
    public static DafParams FastParams(uint maxSupports = 10, uint maxOpen = 100, ulong lifetime = 200)
    {
        var p = DafRules.DefaultParams;
        p.ConvictionDecayNum = 9;
        p.ConvictionDecayDen = 10;
        p.MaxSupportsPerStaker = maxSupports;
        p.MaxOpenGrants = maxOpen;
        p.GrantLifetime = lifetime;
        return p;
    }

    /// <summary>Stakers funded with 1,000,000,000 SER base units each, <paramref name="treasury"/> in the DAF's account, <paramref name="p"/> in state.</summary>
    public static MemoryState Ready(Amount treasury, DafParams? p = null)
    {
        var state = NewState([.. Stakers, "requester", "outsider"]);
        state.WithAccount(DafModule.Address, treasury);
        state.With(DafKeys.Params(), (p ?? FastParams()).ToByteArray());
        return state;
    }

    public static Msg Request(string beneficiary, string amount, string title = "community garden") => new()
    {
        RequestGrant = new MsgRequestGrant { Title = title, Beneficiary = TestKeys.Address(beneficiary).ToByteString(), Amount = amount },
    };

    public static Msg Stake(ulong grant, string amount) => new() { StakeGrant = new MsgStakeGrant { GrantId = grant, Amount = amount } };

    public static Msg Unstake(ulong grant, string amount) => new() { UnstakeGrant = new MsgUnstakeGrant { GrantId = grant, Amount = amount } };

    public static Msg Withdraw(ulong grant) => new() { WithdrawGrant = new MsgWithdrawGrant { GrantId = grant } };

    public static GrantState Grant(MemoryState state, ulong id) => G.GetGrant(state, id) ?? throw new InvalidOperationException($"no grant {id}");

    public static Amount Ser(MemoryState state, string name) => state.Account(name).Balance;

    public static Amount Treasury(MemoryState state) => state.Account(DafModule.Address).Balance;

    /// <summary>One block of one transaction per (sender, messages), applied (<see cref="ExMsgs.Block(MemoryState, ulong, (string, Msg[])[])"/>).</summary>
    public static BlockOutcome Block(MemoryState state, ulong height, params (string Sender, Msg[] Msgs)[] txs) => ExMsgs.Block(state, height, txs);

    /// <summary>One transaction alone in a block at <paramref name="height"/>; its receipt.</summary>
    public static Receipt Send(MemoryState state, ulong height, string sender, params Msg[] msgs) =>
        Assert.Single(Block(state, height, (sender, msgs)).Receipts);

    public static void Ok(Receipt receipt) => Assert.True(receipt.Code == ResultCode.Ok, $"{receipt.Code}: {receipt.Log}");
}
