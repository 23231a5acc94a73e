using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

/// <summary>Check contexts for tests: the test chain, <see cref="Blocks.Params"/>, a height and a sender.</summary>
internal static class Contexts
{
    public static TxCheckContext Admission(ulong height = 100, SenderView sender = default, string chainId = TxBuilder.ChainId) =>
        new(TxCheckMode.Admission, chainId, height, Blocks.Params) { Sender = sender };

    public static TxCheckContext Execution(ulong height = 100, SenderView sender = default) =>
        new(TxCheckMode.Execution, TxBuilder.ChainId, height, Blocks.Params) { Sender = sender };

    public static TxCheckContext Of(TxCheckMode mode, ulong height = 100, SenderView sender = default) =>
        mode == TxCheckMode.Execution ? Execution(height, sender) : Admission(height, sender);

    /// <summary>A sender with nothing pending and the given window.</summary>
    public static SenderView Sender(ulong nonce, Amount balance, int window = 64) => new(nonce, balance, nonce, null, Amount.Zero, window);

    public static readonly Hash32 SomeHash = Hashing.Hash(Domains.Tx, [1, 2, 3]);
}
