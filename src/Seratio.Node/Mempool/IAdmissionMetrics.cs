namespace Seratio.Node.Mempool;

/// <summary>
/// Where the mempool reports each admission decision (the node's metrics implement it; the mempool
/// does not know them). Implementations are thread safe and cheap: admission calls it on its hot path.
/// </summary>
public interface IAdmissionMetrics
{
    /// <summary>The mempool decided on one transaction.</summary>
    void TxAdmission(AdmitOutcome outcome);
}

/// <summary>Admission metrics that go nowhere: the default without metrics. Stateless; thread safe.</summary>
public sealed class NullAdmissionMetrics : IAdmissionMetrics
{
    public static readonly NullAdmissionMetrics Instance = new();

    private NullAdmissionMetrics()
    {
    }

    public void TxAdmission(AdmitOutcome outcome) { }
}
