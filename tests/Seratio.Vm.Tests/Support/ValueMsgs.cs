using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Protocol;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.State;

namespace Seratio.Vm.Tests.Support;

/// <summary>Messages and state of the roles, entities and altcoins modules for tests.</summary>
public static class ValueMsgs
{
    public const string Authority = "authority";

    /// <summary>A state with "authority" as the authority and funded accounts for the names given.</summary>
    public static MemoryState NewState(params string[] funded)
    {
        var state = new MemoryState().WithAccount(Authority, 1_000_000_000)
            .With(GovernanceKeys.Authority(), Seratio.Vm.Modules.Governance.Authority.Encode(TestKeys.Address(Authority)));
        foreach (var name in funded) state.WithAccount(name, 1_000_000_000);
        return state;
    }

    public static Msg Grant(string account, Role role, params string[] methods)
    {
        var grant = new MsgGrantRole { Account = TestKeys.Address(account).ToByteString(), Role = role };
        grant.Methods.Add(methods);
        return new Msg { GrantRole = grant };
    }

    public static Msg Revoke(string account, Role role) =>
        new() { RevokeRole = new MsgRevokeRole { Account = TestKeys.Address(account).ToByteString(), Role = role } };

    public static Msg Register(string name, params string[] controllers)
    {
        var register = new MsgRegisterEntity
        {
            Kind = EntityKind.Organisation,
            Name = name,
            MetadataUri = "https://example.org/" + name,
            MetadataHash = ByteString.CopyFrom(new byte[32]),
        };
        foreach (var c in controllers) register.Controllers.Add(TestKeys.Address(c).ToByteString());
        return new Msg { RegisterEntity = register };
    }

    public static Msg Update(ulong id, string name) => new() { UpdateEntity = new MsgUpdateEntity { Id = id, Name = name } };

    public static Msg Controllers(ulong id, params string[] controllers)
    {
        var change = new MsgSetEntityControllers { Id = id };
        foreach (var c in controllers) change.Controllers.Add(TestKeys.Address(c).ToByteString());
        return new Msg { SetEntityControllers = change };
    }

    public static Msg Create(string symbol, string maxSupply, string mintAuthority) => new()
    {
        CreateAsset = new MsgCreateAsset
        {
            Symbol = symbol,
            Name = symbol + " token",
            Decimals = 2,
            MaxSupply = maxSupply,
            MintAuthority = TestKeys.Address(mintAuthority).ToByteString(),
        },
    };

    public static Msg Mint(string symbol, string to, string amount) =>
        new() { MintAsset = new MsgMintAsset { Symbol = symbol, To = TestKeys.Address(to).ToByteString(), Amount = amount } };

    public static Msg Burn(string symbol, string amount) => new() { BurnAsset = new MsgBurnAsset { Symbol = symbol, Amount = amount } };

    public static Msg Send(string symbol, string to, string amount, string memo = "", byte[]? data = null) => new()
    {
        SendAsset = new MsgSendAsset
        {
            Symbol = symbol, To = TestKeys.Address(to).ToByteString(), Amount = amount, Memo = memo,
            Data = data is null ? ByteString.Empty : ByteString.CopyFrom(data),
        },
    };

    public static Msg Approve(string symbol, string spender, string amount) =>
        new() { ApproveAsset = new MsgApproveAsset { Symbol = symbol, Spender = TestKeys.Address(spender).ToByteString(), Amount = amount } };

    public static Msg SendFrom(string symbol, string owner, string to, string amount) => new()
    {
        SendAssetFrom = new MsgSendAssetFrom
        {
            Symbol = symbol, Owner = TestKeys.Address(owner).ToByteString(), To = TestKeys.Address(to).ToByteString(), Amount = amount,
        },
    };

    /// <summary>Runs one transaction of <paramref name="msgs"/> from <paramref name="sender"/> (its nonce read from state) and applies it.</summary>
    public static Receipt Run(MemoryState state, string sender, params Msg[] msgs) => Run(state, sender, 1, msgs);

    public static Receipt Run(MemoryState state, string sender, ulong height, params Msg[] msgs)
    {
        var builder = TxBuilder.From(sender).Nonce(state.Account(sender).Nonce).FakeSignature();
        foreach (var msg in msgs) builder.Message(msg);
        var outcome = Blocks.Execute(state, Blocks.Context(height), builder.Build());
        state.Apply(outcome.Changes);
        return Assert.Single(outcome.Receipts);
    }

    public static Address Addr(string name) => TestKeys.Address(name);

    public static Dictionary<string, string> Attributes(Event e) =>
        e.Attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => string.Join(",", g.Select(a => a.Value)));
}
