using Seratio.Core.Chain;
using Seratio.Protocol;
using Seratio.Vm.Modules;
using static Seratio.Vm.Tests.Modules.Daf.DafChain;

namespace Seratio.Vm.Tests.Modules.Daf;

/// <summary>
/// What needs no state is judged by the handlers' Validate, which the mempool runs at admission: a proposal carrying a
/// submit, deposit or vote, or a malformed inner message, and a deposit or vote on proposal 0, never reach a block.
/// </summary>
public sealed class StatelessRefusalTests
{
    public static TheoryData<string, Msg, string> Cases => new()
    {
        { "a vote inside a proposal", Submit("t", "1000", false, Vote(1, VoteOption.Yes)), "message 0 (vote)" },
        { "a submission inside a proposal", Submit("t", "1000", false, Submit("inner", "1", false)), "message 0 (submit-proposal)" },
        { "a malformed inner message", Submit("t", "1000", false, new Msg { Vote = new MsgVote() }, GrantIssuer("alice")), "message 0" },
        { "a vote on proposal 0", Vote(0, VoteOption.Yes), "proposal ids start at 1" },
        { "a deposit on proposal 0", Deposit(0, "5"), "proposal ids start at 1" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Validate_RefusesWithoutState(string name, Msg msg, string says)
    {
        _ = name;
        var result = MsgHandlers.For(msg.KindCase)!.Validate(msg, new ChainParams());
        Assert.Equal(ResultCode.InvalidMsg, result.Code);
        Assert.Contains(says, result.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AcceptsAWellFormedProposal() =>
        Assert.True(MsgHandlers.For(Msg.KindOneofCase.SubmitProposal)!.Validate(Submit("t", "1000", false, GrantIssuer("alice")), new ChainParams()).IsOk);
}
