using Seratio.Protocol;

namespace Seratio.Vm.Modules.Daf;

/// <summary>The DAF's defaults and limits (docs/modules/daf.md, "Parameters"). Stateless; thread safe.</summary>
public static class DafRules
{
    /// <summary>The parameters of a chain whose genesis names none (a fresh copy each call).</summary>
    public static DafParams DefaultParams => throw new NotImplementedException("the DAF module helper fills this");
}
