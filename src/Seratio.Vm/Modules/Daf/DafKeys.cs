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

    public static Hash32 Params() => StateKey.Fixed(ParamsPrefix);

    public static Hash32 Members() => StateKey.Fixed(MembersPrefix);

    public static Hash32 Proposal(ulong id) => StateKey.Id(ProposalPrefix, id);

    public static Hash32 ProposalCounter() => StateKey.Fixed(ProposalCounterPrefix);

    public static Hash32 Vote(ulong proposalId, Address voter) =>
        new StateKey.Builder(VotePrefix, stackalloc byte[1 + 8 + Address.Size]).UInt64(proposalId).Address(voter).Build();

    public static Hash32 EndBlockEvents(ulong height) => StateKey.Id(EndBlockEventsPrefix, height);
}
