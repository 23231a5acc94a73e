using Seratio.Core.Crypto;

namespace Seratio.Consensus.Validators;

/// <summary>A validator: its Ed25519 consensus key and voting power (&gt; 0). Immutable value.</summary>
public readonly record struct Validator(PublicKey Key, ulong Power);
