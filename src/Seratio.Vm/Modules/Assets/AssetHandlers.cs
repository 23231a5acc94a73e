namespace Seratio.Vm.Modules.Assets;

/// <summary>The message handlers of the assets module (SER transfers). Immutable after type initialisation; thread safe.</summary>
public static class AssetHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new TransferHandler(),
    ];
}
