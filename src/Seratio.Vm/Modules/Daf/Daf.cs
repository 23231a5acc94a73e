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
    public static DafParams Params(IStateReader state) =>
        StateValues.Decode(Reader(state).Get(DafKeys.Params()), DafParams.Parser, "the DAF's parameters") ?? DafRules.DefaultParams;

    /// <summary>The council, ascending address (empty when none).</summary>
    public static DafMembers Members(IStateReader state) =>
        StateValues.Decode(Reader(state).Get(DafKeys.Members()), DafMembers.Parser, "the DAF's council") ?? new DafMembers();

    /// <summary>A member's weight, or 0 when <paramref name="account"/> is not a member.</summary>
    public static ulong MemberWeight(IStateReader state, Address account) =>
        StateValues.ReadU64(Reader(state).Get(DafKeys.MemberWeight(account)), "a DAF member weight");

    /// <summary>The proposal, or null when no proposal has that id.</summary>
    public static ProposalState? GetProposal(IStateReader state, ulong id) =>
        StateValues.Decode(Reader(state).Get(DafKeys.Proposal(id)), ProposalState.Parser, "a DAF proposal");

    /// <summary>The last proposal id handed out (0 = none): proposals are 1..LastProposalId.</summary>
    public static ulong LastProposalId(IStateReader state) =>
        StateValues.ReadU64(Reader(state).Get(DafKeys.ProposalCounter()), "the DAF's proposal counter");

    /// <summary>The member's current vote on the proposal, or null when it has not voted.</summary>
    public static VoteRecord? GetVote(IStateReader state, ulong proposalId, Address voter) =>
        StateValues.Decode(Reader(state).Get(DafKeys.Vote(proposalId, voter)), VoteRecord.Parser, "a DAF vote");

    /// <summary>How many members voted on the proposal (each once, however often it changed its vote).</summary>
    public static ulong VoteCount(IStateReader state, ulong proposalId) => Voters(proposalId).Count(Reader(state));

    /// <summary>The proposal's votes in the order members first voted, from position <paramref name="from"/> (0 = first), at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<VoteRecord> Votes(IStateReader state, ulong proposalId, ulong from, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var reader = Reader(state);
        var votes = new List<VoteRecord>();
        foreach (var voter in Voters(proposalId).Read(reader, from, max))
            votes.Add(GetVote(reader, proposalId, new Address(voter))
                ?? throw new InvalidDataException($"the DAF lists voter {new Address(voter)} on proposal {proposalId} without its vote"));
        return votes;
    }

    /// <summary>A depositor's deposit on the proposal, or null when it deposited nothing.</summary>
    public static DepositRecord? GetDeposit(IStateReader state, ulong proposalId, Address depositor) =>
        StateValues.Decode(Reader(state).Get(DafKeys.Deposit(proposalId, depositor)), DepositRecord.Parser, "a DAF deposit");

    /// <summary>The proposal's depositors in the order they first deposited, from position <paramref name="from"/>, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<Address> Depositors(IStateReader state, ulong proposalId, ulong from, int max) =>
        [.. DepositorList(proposalId).Read(Reader(state), from, max).Select(a => new Address(a))];

    /// <summary>SER burned by vetoed and lapsed proposals since genesis (it left circulation: no account holds it).</summary>
    public static Core.Numerics.Amount Burned(IStateReader state) =>
        Reader(state).Get(DafKeys.Burned()) is { } value ? Core.Numerics.Amount.Parse(System.Text.Encoding.ASCII.GetString(value)) : Core.Numerics.Amount.Zero;

    /// <summary>Proposals in the deposit or voting period: the chain's, and <paramref name="proposer"/>'s.</summary>
    public static (uint Chain, uint Proposer) ActiveProposals(IStateReader state, Address proposer) =>
        (StateValues.ReadU32(Reader(state).Get(DafKeys.ActiveCount()), "the DAF's active proposal count"),
         StateValues.ReadU32(state.Get(DafKeys.ActiveByProposer(proposer)), "a DAF proposer's active proposal count"));

    internal static DafList Voters(ulong proposalId) => new(DafKeys.VotersPrefix, proposalId, Address.Size, "voter");

    internal static DafList DepositorList(ulong proposalId) => new(DafKeys.DepositorsPrefix, proposalId, Address.Size, "depositor");

    internal static DafList Due(ulong height) => new(DafKeys.DuePrefix, height, sizeof(ulong), "due proposal");

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
