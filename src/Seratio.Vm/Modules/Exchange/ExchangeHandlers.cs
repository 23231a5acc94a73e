namespace Seratio.Vm.Modules.Exchange;

/// <summary>The message handlers of the exchange module. Immutable after type initialisation; thread safe.</summary>
public static class ExchangeHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new CreateMarketHandler(),
        new HaltMarketHandler(),
        new PlaceOrderHandler(),
        new CancelOrderHandler(),
    ];
}
