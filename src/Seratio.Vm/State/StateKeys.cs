using Seratio.Vm.Modules;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Modules.Anchor;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.Modules.Grants;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.Modules.Organisations;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.Modules.Validators;

namespace Seratio.Vm.State;

/// <summary>
/// The registry of module key prefixes. A state key is SHA-256("seratio/key" || prefix || module key);
/// each module declares its prefixes and builds its keys in its own <c>Modules/&lt;Module&gt;/&lt;Module&gt;Keys.cs</c>
/// through <see cref="StateKey"/>. This file only lists them, so that a test can check that every prefix
/// is unique and inside its module's range. Immutable after type initialisation; thread safe.
/// </summary>
public static class StateKeys
{
    /// <summary>
    /// Each module's block of prefixes (name → range). Ranges kept so parallel work does not collide:
    /// take a prefix inside yours. Exchange holds 0x70..0x7F; the DAF 0x80..0x8F; anchor 0x90..0x9F; grants 0xA0..0xAF; organisation accounts 0xB0..0xB3; free from 0xB4.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, PrefixRange> Ranges = new Dictionary<string, PrefixRange>
    {
        ["assets"] = AccountKeys.Range,
        ["gov"] = GovernanceKeys.Range,
        ["validators"] = ValidatorKeys.Range,
        ["evidence"] = ValidatorKeys.Range,
        ["roles"] = RoleKeys.Range,
        ["entities"] = EntityKeys.Range,
        ["altcoins"] = AltcoinKeys.Range,
        ["certificates"] = CertificateKeys.Range,
        ["microshares"] = MicroshareKeys.Range,
        ["provenance"] = ProvenanceKeys.Range,
        ["anchor"] = AnchorKeys.Range,
        ["exchange"] = ExchangeKeys.Range,
        ["daf"] = DafKeys.Range,
        ["grants"] = GrantKeys.Range,
        ["organisations"] = MultisigKeys.Range,
    };

    /// <summary>Every prefix in use, named "module/key"; the module part names its entry in <see cref="Ranges"/>.</summary>
    public static readonly IReadOnlyDictionary<string, byte> Registry = new Dictionary<string, byte>
    {
        ["assets/account"] = AccountKeys.AccountPrefix,
        ["gov/authority"] = GovernanceKeys.AuthorityPrefix,
        ["validators/next"] = ValidatorKeys.NextPrefix,
        ["validators/pending"] = ValidatorKeys.PendingPrefix,
        ["validators/jailed"] = ValidatorKeys.JailedPrefix,
        ["evidence/by-hash"] = ValidatorKeys.EvidencePrefix,
        ["evidence/count"] = ValidatorKeys.EvidenceCountPrefix,
        ["evidence/by-sequence"] = ValidatorKeys.EvidenceBySequencePrefix,
        ["roles/set"] = RoleKeys.RolesPrefix,
        ["entities/entity"] = EntityKeys.EntityPrefix,
        ["entities/next-id"] = EntityKeys.CounterPrefix,
        ["entities/by-controller"] = EntityKeys.ByControllerPrefix,
        ["altcoins/asset"] = AltcoinKeys.AssetPrefix,
        ["altcoins/balance"] = AltcoinKeys.BalancePrefix,
        ["altcoins/allowance"] = AltcoinKeys.AllowancePrefix,
        ["certificates/method"] = CertificateKeys.MethodPrefix,
        ["certificates/method-latest"] = CertificateKeys.MethodLatestPrefix,
        ["certificates/certificate"] = CertificateKeys.CertificatePrefix,
        ["certificates/next-id"] = CertificateKeys.CounterPrefix,
        ["certificates/by-subject"] = CertificateKeys.BySubjectPrefix,
        ["certificates/by-subject-count"] = CertificateKeys.BySubjectCountPrefix,
        ["certificates/by-issuer"] = CertificateKeys.ByIssuerPrefix,
        ["certificates/by-issuer-count"] = CertificateKeys.ByIssuerCountPrefix,
        ["microshares/class"] = MicroshareKeys.ClassPrefix,
        ["microshares/next-class-id"] = MicroshareKeys.ClassCounterPrefix,
        ["microshares/class-by-symbol"] = MicroshareKeys.SymbolPrefix,
        ["microshares/lot"] = MicroshareKeys.LotPrefix,
        ["microshares/next-lot-id"] = MicroshareKeys.LotCounterPrefix,
        ["microshares/holding"] = MicroshareKeys.HoldingPrefix,
        ["microshares/reserve"] = MicroshareKeys.ReservePrefix,
        ["anchor/key"] = AnchorKeys.KeyPrefix,
        ["anchor/address"] = AnchorKeys.AddressPrefix,
        ["anchor/targets"] = AnchorKeys.TargetsPrefix,
        ["anchor/checkpoint"] = AnchorKeys.CheckpointPrefix,
        ["anchor/latest"] = AnchorKeys.LatestPrefix,
        ["anchor/signing-set"] = AnchorKeys.SigningSetPrefix,
        ["anchor/latest-ready"] = AnchorKeys.LatestReadyPrefix,
        ["anchor/count"] = AnchorKeys.CountPrefix,
        ["anchor/by-sequence"] = AnchorKeys.BySequencePrefix,
        ["provenance/record"] = ProvenanceKeys.RecordPrefix,
        ["provenance/last-id"] = ProvenanceKeys.CounterPrefix,
        ["provenance/children-count"] = ProvenanceKeys.ChildrenCountPrefix,
        ["provenance/children-chunk"] = ProvenanceKeys.ChildrenChunkPrefix,
        ["provenance/by-entity-count"] = ProvenanceKeys.ByEntityCountPrefix,
        ["provenance/by-entity-chunk"] = ProvenanceKeys.ByEntityChunkPrefix,
        ["provenance/by-item-count"] = ProvenanceKeys.ByItemCountPrefix,
        ["provenance/by-item-chunk"] = ProvenanceKeys.ByItemChunkPrefix,
        ["provenance/corrections-count"] = ProvenanceKeys.CorrectionsCountPrefix,
        ["provenance/corrections-chunk"] = ProvenanceKeys.CorrectionsChunkPrefix,
        ["provenance/by-lot-count"] = ProvenanceKeys.ByLotCountPrefix,
        ["provenance/by-lot-chunk"] = ProvenanceKeys.ByLotChunkPrefix,
        ["exchange/market"] = ExchangeKeys.MarketPrefix,
        ["exchange/last-market-id"] = ExchangeKeys.MarketCounterPrefix,
        ["exchange/order"] = ExchangeKeys.OrderPrefix,
        ["exchange/last-order-id"] = ExchangeKeys.OrderCounterPrefix,
        ["exchange/book-side"] = ExchangeKeys.BookSidePrefix,
        ["exchange/price-chunk"] = ExchangeKeys.PriceChunkPrefix,
        ["exchange/level"] = ExchangeKeys.LevelPrefix,
        ["exchange/level-chunk"] = ExchangeKeys.LevelChunkPrefix,
        ["exchange/order-list"] = ExchangeKeys.OrderListPrefix,
        ["exchange/open-count"] = ExchangeKeys.OpenCountPrefix,
        ["exchange/expiry"] = ExchangeKeys.ExpiryPrefix,
        ["exchange/certificate-orders"] = ExchangeKeys.CertificateOrdersPrefix,
        ["exchange/trade"] = ExchangeKeys.TradePrefix,
        ["exchange/batch-events"] = ExchangeKeys.BatchEventsPrefix,
        ["exchange/transient"] = ExchangeKeys.TransientPrefix,
        ["exchange/active-certificates"] = ExchangeKeys.ActiveCertificatesPrefix,

        // the DAF (governance): its helper adds its further prefixes below this line
        ["daf/params"] = DafKeys.ParamsPrefix,
        ["daf/members"] = DafKeys.MembersPrefix,
        ["daf/proposal"] = DafKeys.ProposalPrefix,
        ["daf/last-proposal-id"] = DafKeys.ProposalCounterPrefix,
        ["daf/vote"] = DafKeys.VotePrefix,
        ["daf/end-block-events"] = DafKeys.EndBlockEventsPrefix,
        ["daf/voters"] = DafKeys.VotersPrefix,
        ["daf/deposit"] = DafKeys.DepositPrefix,
        ["daf/depositors"] = DafKeys.DepositorsPrefix,
        ["daf/due"] = DafKeys.DuePrefix,
        ["daf/active-by-proposer"] = DafKeys.ActiveByProposerPrefix,
        ["daf/active-count"] = DafKeys.ActiveCountPrefix,
        ["daf/burned"] = DafKeys.BurnedPrefix,
        ["daf/member-weight"] = DafKeys.MemberWeightPrefix,

        // conviction grants: their helper adds further prefixes below this line
        ["grants/grant"] = GrantKeys.GrantPrefix,
        ["grants/last-grant-id"] = GrantKeys.GrantCounterPrefix,
        ["grants/stake"] = GrantKeys.StakePrefix,
        ["grants/supports"] = GrantKeys.SupportsPrefix,
        ["grants/total-staked"] = GrantKeys.TotalStakedPrefix,
        ["grants/due"] = GrantKeys.DuePrefix,
        ["grants/open-count"] = GrantKeys.OpenCountPrefix,

        // organisation accounts
        ["organisations/account"] = MultisigKeys.AccountPrefix,
    };

    /// <summary>The classes that declare prefixes (constants of type byte); a test checks each is registered.</summary>
    public static readonly IReadOnlyList<Type> KeyClasses =
    [
        typeof(AccountKeys), typeof(GovernanceKeys), typeof(ValidatorKeys), typeof(RoleKeys), typeof(EntityKeys),
        typeof(AltcoinKeys), typeof(CertificateKeys), typeof(MicroshareKeys), typeof(ProvenanceKeys), typeof(AnchorKeys),
        typeof(ExchangeKeys), typeof(DafKeys), typeof(GrantKeys), typeof(MultisigKeys),
    ];
}
