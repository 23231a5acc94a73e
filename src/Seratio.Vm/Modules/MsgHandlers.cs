using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;

namespace Seratio.Vm.Modules;

/// <summary>
/// The registry of message handlers: kind → its one handler. Immutable after type
/// initialisation; thread safe.
/// </summary>
public static class MsgHandlers
{
    /// <summary>Every handler, one per message kind: one line per module, each module listing its own in its folder.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        .. AssetHandlers.All,
        .. Roles.RoleHandlers.All,
        .. Entities.EntityHandlers.All,
        .. Altcoins.AltcoinHandlers.All,
        .. Validators.ValidatorHandlers.All,
        .. Certificates.CertificateHandlers.All,
        .. Provenance.ProvenanceHandlers.All,
        .. Microshares.MicroshareHandlers.All,
        .. Anchor.AnchorHandlers.All,
        .. Exchange.ExchangeHandlers.All,
        .. Daf.DafHandlers.All,
        .. Grants.GrantHandlers.All,
        .. Organisations.OrganisationHandlers.All,
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
