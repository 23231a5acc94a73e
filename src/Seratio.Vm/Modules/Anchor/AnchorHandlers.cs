namespace Seratio.Vm.Modules.Anchor;

/// <summary>The message handlers of the anchor module. Immutable after type initialisation; thread safe.</summary>
public static class AnchorHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new RegisterAnchorKeyHandler(),
        new SetAnchorTargetHandler(),
        new SubmitCheckpointSignatureHandler(),
    ];
}
