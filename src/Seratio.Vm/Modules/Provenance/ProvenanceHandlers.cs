namespace Seratio.Vm.Modules.Provenance;

/// <summary>The message handlers of the provenance module. Immutable after type initialisation; thread safe.</summary>
public static class ProvenanceHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new AppendProvenanceHandler(),
    ];
}
