using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Validators;

/// <summary>The state keys of the validators module and of committed evidence. Stateless; thread safe.</summary>
public static class ValidatorKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x03, 0x0F);

    /// <summary>The set that validates the height after the latest block (single key, ValidatorSetState).</summary>
    public const byte NextPrefix = 0x03;

    /// <summary>The set that validates two heights after the latest block (single key, ValidatorSetState).</summary>
    public const byte PendingPrefix = 0x04;

    /// <summary>Every jailed validator (single key, JailedValidators).</summary>
    public const byte JailedPrefix = 0x05;

    /// <summary>Evidence: committed evidence by its hash → EvidenceRecord.</summary>
    public const byte EvidencePrefix = 0x06;

    /// <summary>Evidence: how many evidence records were committed (single key, 8 bytes big-endian).</summary>
    public const byte EvidenceCountPrefix = 0x07;

    /// <summary>Evidence: the n-th committed evidence (sequence number, 8 bytes big-endian) → its hash.</summary>
    public const byte EvidenceBySequencePrefix = 0x08;

    /// <summary>The set validating the height after the latest block.</summary>
    public static Hash32 Next() => StateKey.Fixed(NextPrefix);

    /// <summary>The set validating two heights after the latest block.</summary>
    public static Hash32 Pending() => StateKey.Fixed(PendingPrefix);

    /// <summary>The list of jailed validators.</summary>
    public static Hash32 Jailed() => StateKey.Fixed(JailedPrefix);

    /// <summary>Committed evidence by its hash.</summary>
    public static Hash32 Evidence(Hash32 evidenceHash) => StateKey.Hash(EvidencePrefix, evidenceHash);

    /// <summary>The number of committed evidence records.</summary>
    public static Hash32 EvidenceCount() => StateKey.Fixed(EvidenceCountPrefix);

    /// <summary>The hash of the <paramref name="sequence"/>-th committed evidence (0-based).</summary>
    public static Hash32 EvidenceBySequence(ulong sequence) => StateKey.Id(EvidenceBySequencePrefix, sequence);
}
