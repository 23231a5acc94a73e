namespace Seratio.Vm.Modules.Validators;

/// <summary>The message handlers of the validators module. Immutable after type initialisation; thread safe.</summary>
public static class ValidatorHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new SetValidatorHandler(),
    ];
}
