namespace Seratio.Vm.Modules.Altcoins;

/// <summary>The message handlers of the altcoins module. Immutable after type initialisation; thread safe.</summary>
public static class AltcoinHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new CreateAssetHandler(),
        new MintAssetHandler(),
        new BurnAssetHandler(),
        new SendAssetHandler(),
        new ApproveAssetHandler(),
        new SendAssetFromHandler(),
    ];
}
