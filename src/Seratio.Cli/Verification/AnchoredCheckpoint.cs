using Seratio.Core.Crypto;

namespace Seratio.Cli.Verification;

/// <summary>
/// A checkpoint as an anchor contract holds it: <c>checkpointAt(height)</c> = (state root, block hash), which more
/// than 2/3 of the validators' anchor power signed. Immutable value.
/// </summary>
internal sealed record AnchoredCheckpoint(ulong Height, Hash32 StateRoot, Hash32 BlockHash);
