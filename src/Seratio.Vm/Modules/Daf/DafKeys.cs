using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>The state keys of the DAF's governance (docs/modules/daf.md, "State"). Stateless; thread safe.</summary>
public static class DafKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x80, 0x8F);

    /// <summary>The DAF's parameters (one fixed key; <c>DafParams</c>; absent = the defaults).</summary>
    public const byte ParamsPrefix = 0x80;

    /// <summary>The council (one fixed key; <c>DafMembers</c>, ascending address; absent = none).</summary>
    public const byte MembersPrefix = 0x81;

    /// <summary>A proposal (key: id, 8 bytes big-endian; <c>ProposalState</c>).</summary>
    public const byte ProposalPrefix = 0x82;

    /// <summary>The last proposal id handed out (one fixed key; 8 bytes big-endian).</summary>
    public const byte ProposalCounterPrefix = 0x83;

    /// <summary>A member's vote (key: proposal id || voter address; <c>VoteRecord</c>).</summary>
    public const byte VotePrefix = 0x84;

    /// <summary>The events of a height's end-of-block DAF and grant steps (key: height; <c>DafEvents</c>).</summary>
    public const byte EndBlockEventsPrefix = 0x85;

    /// <summary>
    /// A proposal's voters in the order they first voted, an append-only list (<see cref="DafList"/>): count under the
    /// proposal id (8 bytes; value 8 bytes), chunks of 64 concatenated 20-byte addresses under the id and the chunk number.
    /// </summary>
    public const byte VotersPrefix = 0x86;

    /// <summary>A depositor's total deposit on a proposal (key: proposal id || depositor address; <c>DepositRecord</c>).</summary>
    public const byte DepositPrefix = 0x87;

    /// <summary>A proposal's depositors in the order they first deposited (the refund and burn walk): a list as <see cref="VotersPrefix"/>.</summary>
    public const byte DepositorsPrefix = 0x88;

    /// <summary>
    /// The proposals due at the end of a height (a deposit period, a vote or a timelock ends there), an append-only list:
    /// count under the height (8 bytes; value 8 bytes), chunks of 64 concatenated 8-byte big-endian ids under the height and
    /// the chunk number. A proposal that moved on stays listed and is skipped; the end-of-block step deletes the list.
    /// </summary>
    public const byte DuePrefix = 0x89;

    /// <summary>A proposer's proposals in the deposit or voting period (key: address; value 4 bytes; absent = 0).</summary>
    public const byte ActiveByProposerPrefix = 0x8A;

    /// <summary>The chain's proposals in the deposit or voting period (one fixed key; value 4 bytes; absent = 0).</summary>
    public const byte ActiveCountPrefix = 0x8B;

    /// <summary>SER burned by vetoed and lapsed proposals, ever (one fixed key; decimal ASCII base units; absent = 0).</summary>
    public const byte BurnedPrefix = 0x8C;

    /// <summary>A council member's weight (key: address; value 8 bytes; absent = not a member): the vote's O(1) lookup.</summary>
    public const byte MemberWeightPrefix = 0x8D;

    public static Hash32 Params() => StateKey.Fixed(ParamsPrefix);

    public static Hash32 Members() => StateKey.Fixed(MembersPrefix);

    public static Hash32 Proposal(ulong id) => StateKey.Id(ProposalPrefix, id);

    public static Hash32 ProposalCounter() => StateKey.Fixed(ProposalCounterPrefix);

    public static Hash32 Vote(ulong proposalId, Address voter) =>
        new StateKey.Builder(VotePrefix, stackalloc byte[1 + 8 + Address.Size]).UInt64(proposalId).Address(voter).Build();

    public static Hash32 EndBlockEvents(ulong height) => StateKey.Id(EndBlockEventsPrefix, height);

    public static Hash32 Deposit(ulong proposalId, Address depositor) =>
        new StateKey.Builder(DepositPrefix, stackalloc byte[1 + 8 + Address.Size]).UInt64(proposalId).Address(depositor).Build();

    /// <summary>The count key of a list (<see cref="VotersPrefix"/>, <see cref="DepositorsPrefix"/>, <see cref="DuePrefix"/>): prefix || owner.</summary>
    public static Hash32 ListCount(byte prefix, ulong owner) => StateKey.Id(prefix, owner);

    /// <summary>The key of chunk <paramref name="chunk"/> of a list: prefix || owner || chunk.</summary>
    public static Hash32 ListChunk(byte prefix, ulong owner, ulong chunk) =>
        new StateKey.Builder(prefix, stackalloc byte[1 + 8 + 8]).UInt64(owner).UInt64(chunk).Build();

    public static Hash32 ActiveByProposer(Address proposer) => StateKey.Address(ActiveByProposerPrefix, proposer);

    public static Hash32 ActiveCount() => StateKey.Fixed(ActiveCountPrefix);

    public static Hash32 Burned() => StateKey.Fixed(BurnedPrefix);

    public static Hash32 MemberWeight(Address member) => StateKey.Address(MemberWeightPrefix, member);
}
