using Seratio.Protocol;

namespace Seratio.Vm.Modules;

/// <summary>
/// The outcome of one message: OK, or a failure code with a log a person can act on.
/// A failure makes the executor drop every write of the transaction's messages. Immutable.
/// </summary>
public readonly record struct MsgResult(ResultCode Code, string Log)
{
    public static readonly MsgResult Ok = new(ResultCode.Ok, "");

    public bool IsOk => Code == ResultCode.Ok;

    public static MsgResult Fail(ResultCode code, string log) => new(code, log);
}
