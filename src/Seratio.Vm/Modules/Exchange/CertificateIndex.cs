using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Exchange;

/// <summary>
/// Which microshare sells hold lots of which certificate, so each batch checks only the certificates open sells hold for a
/// revocation (one read each, <see cref="ExchangeKeys.ActiveCertificates"/>) and finds the sells to cancel. Per
/// certificate: a count of the open sells holding it (<see cref="ExchangeKeys.CertificateOrders"/>) and an append-only
/// list of their ids (<see cref="Exchange.OrdersHolding"/>) where a closed sell stays until the last one closes and the
/// list is deleted: adding and removing cost O(1) however many sells a certificate has. Stateless; thread safe.
/// </summary>
internal static class CertificateIndex
{
    /// <summary>Records that open sell <paramref name="orderId"/> (larger than every id listed) holds lots of the certificate; once per pair.</summary>
    public static void Add(IStateView view, ulong certificateId, ulong orderId)
    {
        var countKey = ExchangeKeys.CertificateOrders(certificateId);
        uint open = Exchange.DecodeU32(view.Get(countKey), "certificate's open sells");
        if (open == 0) IdSet.Add(view, ExchangeKeys.ActiveCertificates(), certificateId);
        view.Set(countKey, Exchange.EncodeU32(checked(open + 1)));
        Exchange.OrdersHolding(certificateId).Append(view, orderId);
    }

    /// <summary>Records that sell <paramref name="orderId"/> no longer holds lots of the certificate (sold them, or closed); once per pair.</summary>
    public static void Remove(IStateView view, ulong certificateId, ulong orderId)
    {
        var countKey = ExchangeKeys.CertificateOrders(certificateId);
        uint open = Exchange.DecodeU32(view.Get(countKey), "certificate's open sells");
        if (open == 0) throw new InvalidOperationException($"sell {orderId} leaves certificate {certificateId}, which no open sell holds");
        if (open > 1)
        {
            view.Set(countKey, Exchange.EncodeU32(open - 1));
            return;
        }
        view.Set(countKey, null);
        Exchange.OrdersHolding(certificateId).Delete(view);
        IdSet.Remove(view, ExchangeKeys.ActiveCertificates(), certificateId);
    }
}
