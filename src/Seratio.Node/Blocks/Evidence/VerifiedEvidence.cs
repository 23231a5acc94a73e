using Seratio.Vm.Execution;

namespace Seratio.Node.Blocks.Evidence;

/// <summary>Evidence that passed <see cref="EvidenceVerifier.Check"/>, with what the Vm sees of it. Immutable.</summary>
public sealed record VerifiedEvidence(Seratio.Protocol.Evidence Evidence, BlockEvidence Described);
