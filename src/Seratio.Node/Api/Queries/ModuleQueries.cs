namespace Seratio.Node.Api.Queries;

/// <summary>
/// The query services of the modules behind <see cref="NodeApiService"/>, one line per module: a new
/// module adds its <c>&lt;Module&gt;QueryService</c> here and delegates its RPCs to it. All share one
/// <see cref="QueryScope"/>. Immutable; thread safe.
/// </summary>
internal sealed class ModuleQueries(QueryScope scope)
{
    public AccountQueryService Accounts { get; } = new(scope);
    public ValidatorQueryService Validators { get; } = new(scope);
    public RoleQueryService Roles { get; } = new(scope);
    public EntityQueryService Entities { get; } = new(scope);
    public AltcoinQueryService Altcoins { get; } = new(scope);
    public CertificateQueryService Certificates { get; } = new(scope);
    public ProvenanceQueryService Provenance { get; } = new(scope);
    public MicroshareQueryService Microshares { get; } = new(scope);
    public AnchorQueryService Anchor { get; } = new(scope);
    public ExchangeQueryService Exchange { get; } = new(scope);
    public DafQueryService Daf { get; } = new(scope);
    public GrantQueryService Grants { get; } = new(scope);
    public MultisigQueryService Multisig { get; } = new(scope);
}
