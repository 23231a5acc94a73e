using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Vm.Execution;

/// <summary>
/// One piece of evidence as the Vm sees it: the offender, where it misbehaved and the evidence's hash.
/// The node verified the signed votes before (the Vm knows nothing of consensus). Immutable value.
/// </summary>
public readonly record struct BlockEvidence(Hash32 Hash, PublicKey Validator, ulong Height, uint Round, VoteType Type);
