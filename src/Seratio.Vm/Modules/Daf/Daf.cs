using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// Typed reads of the DAF's state (docs/modules/daf.md), shared by handlers, the end-of-block step and queries:
/// its accounts, parameters, council, proposals, votes and end-of-block events. A stored value that does not decode
/// is a broken state invariant and throws. Stateless; thread safe.
/// </summary>
public static class Daf
{
    /// <summary>The DAF's keyless account: the authority once it governs, and the treasury that fees flow into and grants pay from.</summary>
    public static Address Address { get; } = KeylessAddress.Of(Domains.DafAccount);

    /// <summary>The keyless account that holds proposal deposits until they are refunded or burned.</summary>
    public static Address DepositsAddress { get; } = KeylessAddress.Of(Domains.DafDeposits);

    /// <summary>Whether the DAF is the authority (only passed proposals then act as the authority).</summary>
    public static bool Governs(IStateReader state) => Reader(state).Get(GovernanceKeys.Authority()) is { } value && new Address(value) == Address;

    /// <summary><see cref="Governs(IStateReader)"/> for a handler's view.</summary>
    public static bool Governs(IStateView state) => Authority.Is(state, Address);

    /// <summary>The parameters in state, or <see cref="DafRules.DefaultParams"/> when genesis wrote none.</summary>
    public static DafParams Params(IStateReader state) => throw new NotImplementedException("the DAF module helper fills this");

    /// <summary>The council, ascending address (empty when none).</summary>
    public static DafMembers Members(IStateReader state) => throw new NotImplementedException("the DAF module helper fills this");

    /// <summary>A member's weight, or 0 when <paramref name="account"/> is not a member.</summary>
    public static ulong MemberWeight(IStateReader state, Address account) => throw new NotImplementedException("the DAF module helper fills this");

    public static ProposalState? GetProposal(IStateReader state, ulong id) => throw new NotImplementedException("the DAF module helper fills this");

    /// <summary>The last proposal id handed out (0 = none): proposals are 1..LastProposalId.</summary>
    public static ulong LastProposalId(IStateReader state) => throw new NotImplementedException("the DAF module helper fills this");

    public static VoteRecord? GetVote(IStateReader state, ulong proposalId, Address voter) => throw new NotImplementedException("the DAF module helper fills this");

    /// <summary>How many members voted on the proposal (each once, however often it changed its vote).</summary>
    public static ulong VoteCount(IStateReader state, ulong proposalId) => throw new NotImplementedException("the DAF module helper fills this");

    /// <summary>The proposal's votes in the order members first voted, from position <paramref name="from"/> (0 = first), at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<VoteRecord> Votes(IStateReader state, ulong proposalId, ulong from, int max) => throw new NotImplementedException("the DAF module helper fills this");

    /// <summary>SER the deposits account holds for proposals not yet refunded or burned (for queries; handlers read accounts through their view).</summary>
    public static Core.Numerics.Amount DepositsHeld(IStateReader state) => Accounts.ReadRecord(Reader(state), DepositsAddress).Balance;

    /// <summary>The events the end-of-block DAF and grant steps of <paramref name="height"/> emitted, in order; empty when none.</summary>
    public static IReadOnlyList<Event> EndBlockEvents(IStateReader state, ulong height)
    {
        var events = StateValues.Decode(Reader(state).Get(DafKeys.EndBlockEvents(height)), DafEvents.Parser, "the DAF's end-of-block events");
        return events is null ? [] : [.. events.Events];
    }

    /// <summary>Appends <paramref name="events"/> to the height's end-of-block events (the DAF's step, then the grants' step).</summary>
    internal static void AppendEndBlockEvents(IStateView state, ulong height, IReadOnlyCollection<Event> events)
    {
        if (events.Count == 0) return;
        var stored = StateValues.Decode(state.Get(DafKeys.EndBlockEvents(height)), DafEvents.Parser, "the DAF's end-of-block events") ?? new DafEvents();
        stored.Events.Add(events);
        state.Set(DafKeys.EndBlockEvents(height), stored.ToByteArray());
    }

    private static IStateReader Reader(IStateReader state) => state ?? throw new ArgumentNullException(nameof(state));
}
