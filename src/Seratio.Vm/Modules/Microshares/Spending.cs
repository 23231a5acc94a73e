using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>The first, read-only steps of a send, burn or redeem: the class exists and the lots are picked. Stateless; thread safe.</summary>
internal static class Spending
{
    public static MsgResult Begin(in MsgContext context, ulong classId, Amount units, IReadOnlyList<ulong> named,
        out MicroshareHolding holding, out List<LotTake> takes)
    {
        holding = null!;
        takes = null!;
        if (Microshares.GetClass(context.State, classId) is null)
            return MsgResult.Fail(ResultCode.NotFound, $"microshare class {classId} does not exist; check the id (GetMicroshareClass)");
        holding = Microshares.GetHolding(context.State, context.Sender, classId);
        return LotPicker.Pick(context, classId, holding, units, named, out takes);
    }
}
