using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Core.Keys;

/// <summary>What can be known about a key file without its passphrase. Immutable.</summary>
/// <param name="Name">The file name without ".key".</param>
/// <param name="Encrypted">False for a throw-away "unsafe" devnet key stored in plain.</param>
public sealed record KeyInfo(string Name, Address Address, PublicKey PublicKey, string Path, bool Encrypted);
