namespace Seratio.Vm.Modules.Certificates;

/// <summary>The message handlers of the certificates module. Immutable after type initialisation; thread safe.</summary>
public static class CertificateHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new RegisterMethodHandler(),
        new IssueCertificateHandler(),
        new RevokeCertificateHandler(),
        new SupersedeCertificateHandler(),
    ];
}
