using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// Which open microshare sells hold lots of which certificate (<see cref="ExchangeKeys.CertificateOrders"/>), and the
/// set of certificates any open sell holds (<see cref="ExchangeKeys.ActiveCertificates"/>), so each batch checks only
/// those certificates for a revocation (one read each). Stateless; thread safe.
/// </summary>
internal static class CertificateIndex
{
    public static void Add(IStateView view, ulong certificateId, ulong orderId)
    {
        IdSet.Add(view, ExchangeKeys.CertificateOrders(certificateId), orderId);
        IdSet.Add(view, ExchangeKeys.ActiveCertificates(), certificateId);
    }

    public static void Remove(IStateView view, ulong certificateId, ulong orderId)
    {
        var key = ExchangeKeys.CertificateOrders(certificateId);
        IdSet.Remove(view, key, orderId);
        if (view.Get(key) is null) IdSet.Remove(view, ExchangeKeys.ActiveCertificates(), certificateId);
    }
}
