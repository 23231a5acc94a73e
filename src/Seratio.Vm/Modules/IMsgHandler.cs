using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules;

/// <summary>
/// Executes one native message kind. Exactly one sealed handler exists per
/// <see cref="Msg.KindOneofCase"/> (see <see cref="MsgHandlers"/>); it states its gas cost and
/// permission next to its rules. Handlers are stateless and thread safe; all state goes through
/// <see cref="MsgContext.State"/>.
/// </summary>
public interface IMsgHandler
{
    Msg.KindOneofCase Kind { get; }

    /// <summary>Short name used in logs, e.g. "transfer".</summary>
    string Name { get; }

    Permission Permission { get; }

    /// <summary>The fixed gas this message costs, known before it runs.</summary>
    ulong Gas(ChainParams p);

    /// <summary>Checks what needs no state (formats, lengths, denominations).</summary>
    MsgResult Validate(Msg msg, ChainParams p);

    /// <summary>The most SER this message can take from the sender's balance (0 when it is not well formed).</summary>
    Amount MaxSerSpend(Msg msg);

    /// <summary>Validates and applies the message to <see cref="MsgContext.State"/>; writes only on success.</summary>
    MsgResult Execute(Msg msg, in MsgContext context);
}
