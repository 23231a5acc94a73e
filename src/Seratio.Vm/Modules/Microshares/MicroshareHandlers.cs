namespace Seratio.Vm.Modules.Microshares;

/// <summary>The message handlers of the microshares module. Immutable after type initialisation; thread safe.</summary>
public static class MicroshareHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new CreateMicroshareClassHandler(),
        new MintMicrosharesHandler(),
        new SendMicrosharesHandler(),
        new BurnMicrosharesHandler(),
        new RedeemMicrosharesHandler(),
    ];
}
