using System.Globalization;
using System.Text;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// The DAF's writes (docs/modules/daf.md, "State"): parameters, council, proposals and their counter, votes and
/// voters, deposits and depositors, the per-height due lists, the active-proposal counters and the burned total.
/// Handlers and the end-of-block step write only through it; reads go through <see cref="Daf"/>. Stateless; thread safe
/// (the views it writes are not).
/// </summary>
internal static class DafStore
{
    public static DafViewReader Read(IStateView view) => new(view);

    public static void SetParams(IStateView view, DafParams p) => view.Set(DafKeys.Params(), p.ToByteArray());

    /// <summary>Replaces the council: the old members' weight keys are deleted, the new ones written, the list stored ascending.</summary>
    public static DafMembers SetMembers(IStateView view, IEnumerable<DafMember> members)
    {
        var council = DafRules.Canonical(members);
        foreach (var old in Daf.Members(Read(view)).Members) view.Set(DafKeys.MemberWeight(new Address(old.Address.Span)), null);
        foreach (var m in council.Members) view.Set(DafKeys.MemberWeight(new Address(m.Address.Span)), StateValues.U64(m.Weight));
        view.Set(DafKeys.Members(), council.ToByteArray());
        return council;
    }

    public static void SaveProposal(IStateView view, ProposalState proposal) => view.Set(DafKeys.Proposal(proposal.Id), proposal.ToByteArray());

    /// <summary>Hands out the next proposal id (last + 1) and records it.</summary>
    public static ulong NextProposalId(IStateView view)
    {
        ulong id = checked(Daf.LastProposalId(Read(view)) + 1);
        view.Set(DafKeys.ProposalCounter(), StateValues.U64(id));
        return id;
    }

    /// <summary>Counts a proposal into (+1) or out of (-1) the deposit and voting periods, for its proposer and the chain.</summary>
    public static void CountActive(IStateView view, Address proposer, int delta)
    {
        var (chain, own) = Daf.ActiveProposals(Read(view), proposer);
        view.Set(DafKeys.ActiveCount(), Counter(chain, delta));
        view.Set(DafKeys.ActiveByProposer(proposer), Counter(own, delta));
    }

    public static void SaveVote(IStateView view, VoteRecord vote) =>
        view.Set(DafKeys.Vote(vote.ProposalId, new Address(vote.Voter.Span)), vote.ToByteArray());

    public static void SaveDeposit(IStateView view, DepositRecord deposit) =>
        view.Set(DafKeys.Deposit(deposit.ProposalId, new Address(deposit.Depositor.Span)), deposit.ToByteArray());

    /// <summary>Lists the proposal as due at the end of <paramref name="height"/>.</summary>
    public static void Schedule(IStateView view, ulong height, ulong proposalId)
    {
        Span<byte> id = stackalloc byte[sizeof(ulong)];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(id, proposalId);
        Daf.Due(height).Append(view, id);
    }

    /// <summary>Adds <paramref name="amount"/> to the SER burned ever.</summary>
    public static void AddBurned(IStateView view, Amount amount)
    {
        if (amount.IsZero) return;
        var total = Daf.Burned(Read(view)) + amount;
        view.Set(DafKeys.Burned(), Encoding.ASCII.GetBytes(total.Value.ToString(CultureInfo.InvariantCulture)));
    }

    private static byte[]? Counter(uint value, int delta)
    {
        long next = (long)value + delta;
        if (next < 0) throw new InvalidOperationException("a DAF active-proposal counter would go below 0");
        return next == 0 ? null : StateValues.U32((uint)next);
    }
}
