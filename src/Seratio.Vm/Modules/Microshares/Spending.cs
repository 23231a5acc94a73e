using Seratio.Core.Numerics;
using Seratio.Protocol;

namespace Seratio.Vm.Modules.Microshares;

/// <summary>The first, read-only steps of a send, burn or redeem: the class exists and the lots are picked. Stateless; thread safe.</summary>
internal static class Spending
{
    public static MsgResult Begin(in MsgContext context, ulong classId, Amount units, IReadOnlyList<ulong> named,
        out MicroshareHolding holding, out List<LotTake> takes)
    {
        takes = null!;
        holding = Microshares.GetHolding(context.State, context.Sender, classId);
        // A holding exists only for an existing class: the class is read only when the sender holds none of it.
        if (holding.Lots.Count == 0 && Microshares.GetClass(context.State, classId) is null)
            return MsgResult.Fail(ResultCode.NotFound, $"microshare class {classId} does not exist; check the id (GetMicroshareClass)");
        return LotPicker.Pick(context, classId, holding, units, named, out takes);
    }
}
