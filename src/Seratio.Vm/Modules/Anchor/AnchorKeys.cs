using Seratio.Core.Crypto;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Anchor;

/// <summary>The state keys of the anchor module (anchor keys, targets, checkpoints). Stateless; thread safe.</summary>
public static class AnchorKeys
{
    /// <summary>The prefixes this module may take.</summary>
    public static readonly PrefixRange Range = new(0x90, 0x9F);

    /// <summary>A validator's <c>AnchorKeyRecord</c> (key: the validator's Ed25519 public key, 32 bytes).</summary>
    public const byte KeyPrefix = 0x90;

    /// <summary>Which validator holds an anchor address (key: the 20-byte address; value: the validator's public key).</summary>
    public const byte AddressPrefix = 0x91;

    /// <summary>The target contracts (single key, <c>AnchorTargets</c>).</summary>
    public const byte TargetsPrefix = 0x92;

    /// <summary>A <c>CheckpointRecord</c> (key: its height, 8 bytes big-endian).</summary>
    public const byte CheckpointPrefix = 0x93;

    /// <summary>The height of the latest checkpoint (single key, 8 bytes big-endian).</summary>
    public const byte LatestPrefix = 0x94;

    /// <summary>The set that signs the next checkpoint: the previous checkpoint's next set (single key, <c>AnchorSetState</c>).</summary>
    public const byte SigningSetPrefix = 0x95;

    /// <summary>The latest checkpoint ready for a target (key: target name; value 8 bytes big-endian).</summary>
    public const byte LatestReadyPrefix = 0x96;

    /// <summary>How many checkpoints were recorded (single key, 8 bytes big-endian).</summary>
    public const byte CountPrefix = 0x97;

    /// <summary>The height of the n-th recorded checkpoint (key: sequence number from 0; value 8 bytes big-endian).</summary>
    public const byte BySequencePrefix = 0x98;

    public static Hash32 Key(ReadOnlySpan<byte> validatorPublicKey) =>
        new StateKey.Builder(KeyPrefix, stackalloc byte[1 + PublicKey.Size]).Bytes(validatorPublicKey, "validator public key").Build();

    public static Hash32 Address(ReadOnlySpan<byte> anchorAddress) =>
        new StateKey.Builder(AddressPrefix, stackalloc byte[1 + AnchorCrypto.AddressSize]).Bytes(anchorAddress, "anchor address").Build();

    public static Hash32 Targets() => StateKey.Fixed(TargetsPrefix);

    public static Hash32 Checkpoint(ulong height) => StateKey.Id(CheckpointPrefix, height);

    public static Hash32 Latest() => StateKey.Fixed(LatestPrefix);

    public static Hash32 SigningSet() => StateKey.Fixed(SigningSetPrefix);

    public static Hash32 LatestReady(string target) => StateKey.Text(LatestReadyPrefix, target, "anchor target");

    public static Hash32 Count() => StateKey.Fixed(CountPrefix);

    public static Hash32 BySequence(ulong sequence) => StateKey.Id(BySequencePrefix, sequence);
}
