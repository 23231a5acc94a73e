using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Vm.Modules;

/// <summary>
/// The registry of message handlers: kind → its one handler. Immutable after type
/// initialisation; thread safe.
/// </summary>
public static class MsgHandlers
{
    /// <summary>Every handler, one per message kind.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new TransferHandler(),
        new Roles.GrantRoleHandler(),
        new Roles.RevokeRoleHandler(),
        new Entities.RegisterEntityHandler(),
        new Entities.UpdateEntityHandler(),
        new Entities.SetEntityControllersHandler(),
        new Altcoins.CreateAssetHandler(),
        new Altcoins.MintAssetHandler(),
        new Altcoins.BurnAssetHandler(),
        new Altcoins.SendAssetHandler(),
        new Altcoins.ApproveAssetHandler(),
        new Altcoins.SendAssetFromHandler(),
        new Validators.SetValidatorHandler(),
        new Certificates.RegisterMethodHandler(),
        new Certificates.IssueCertificateHandler(),
        new Certificates.RevokeCertificateHandler(),
        new Certificates.SupersedeCertificateHandler(),
        new Provenance.AppendProvenanceHandler(),
        new Microshares.CreateMicroshareClassHandler(),
        new Microshares.MintMicrosharesHandler(),
        new Microshares.SendMicrosharesHandler(),
        new Microshares.BurnMicrosharesHandler(),
        new Microshares.RedeemMicrosharesHandler(),
    ];

    private static readonly IMsgHandler?[] ByKind = BuildIndex();

    /// <summary>The handler of <paramref name="kind"/>, or null when no handler exists (e.g. an unset kind).</summary>
    public static IMsgHandler? For(Msg.KindOneofCase kind)
    {
        int index = (int)kind;
        return (uint)index < (uint)ByKind.Length ? ByKind[index] : null;
    }

    private static IMsgHandler?[] BuildIndex()
    {
        int max = 0;
        foreach (var handler in All) max = Math.Max(max, (int)handler.Kind);
        var index = new IMsgHandler?[max + 1];
        foreach (var handler in All)
        {
            if (handler.Kind == Msg.KindOneofCase.None)
                throw new InvalidOperationException($"{handler.GetType().Name} claims the unset message kind");
            if (index[(int)handler.Kind] is not null)
                throw new InvalidOperationException($"two handlers claim message kind {handler.Kind}");
            index[(int)handler.Kind] = handler;
        }
        return index;
    }
}
