namespace Seratio.Vm.Modules.Entities;

/// <summary>The message handlers of the entities module. Immutable after type initialisation; thread safe.</summary>
public static class EntityHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new RegisterEntityHandler(),
        new UpdateEntityHandler(),
        new SetEntityControllersHandler(),
    ];
}
