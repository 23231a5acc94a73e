using Seratio.Core.Crypto;
using Seratio.Protocol;
using Seratio.Vm.Modules.Altcoins;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.Modules.Grants;
using Seratio.Vm.Modules.Entities;
using Seratio.Vm.Modules.Exchange;
using Seratio.Vm.Modules.Governance;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.Modules.Provenance;
using Seratio.Vm.Modules.Roles;
using Seratio.Vm.Modules.Validators;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.State;

/// <summary>
/// Pins every state key builder to the bytes it produced before the keys moved into the module
/// folders: a changed key would change every state root and break stored chains.
/// </summary>
public class StateKeyVectorsTests
{
    private static readonly Dictionary<string, string> Expected = new()
    {
        ["account"] = "04C3A67A32A427D02CAC73400001D983D42259061E8A648055B719E2A997B773",
        ["authority"] = "781C2D1472CFBB4D16E0A68EDE32405020F1492D3674196CE54C7D9C49E238A7",
        ["validators-next"] = "11CB7004EF3D239965DD12A181B7870E40375A1581A5DB139443C2443E079E79",
        ["validators-pending"] = "ED2AE7324E96AEE7915968DC8DCE37AADD3A6B3CE47463C032D521E81B1689CE",
        ["jailed"] = "4F92F6D15F80C9BB2CD424D9589F928548ECF03BF28CDBED20DFE99DB83EFC58",
        ["evidence"] = "CF999381C666D6A10CBAB79C751CED85A8121A1AD2A2341FBBEF0711D7AC826E",
        ["evidence-count"] = "20D8E632CA48B0DED080180E9F518C1E3EAEFC1C44BA8F2D01A1C967ECCCF526",
        ["evidence-by-sequence"] = "C05AB2F5B5051CAADE882114EEFDFC69B813C678A933F15EF0A3F5F5F2CA0C53",
        ["roles"] = "07B4797E273D5D3C978AD7A83ACA0A1C6C5B7683308592ABA95E1DD9274D5D92",
        ["entity"] = "126EEEBEB84FAE24376D9BB8F7A0CB585D5071FEA852D060481751316C1B666A",
        ["entity-counter"] = "2CE579A65038E733B8683AAC4C041406DF0D43A672C535361BEEBCFC215912C1",
        ["entities-by-controller"] = "55D7E07FDFAB724BBB0DA00C7AF3F6045893E8B7288B9CCBB22A967C3B52A421",
        ["asset"] = "0A157BAE3F37C4D6D3509508DEF6A274A0ACD528681853B526BBE577C661BAE7",
        ["asset-balance"] = "634929290F1A267FAF8B03C4FAA069AB10D7C15AE07170BC27FFF4BD19CE92C5",
        ["allowance"] = "86324961055626C9D1E89231E1A9BB83FC03E312FA19C180B57DAD6203798F6D",
        ["method"] = "48089ED7B8FB25900FF7C8ECCD1DC256D8B0F2B68D36830C45F8E7D96A7AE0EF",
        ["method-latest"] = "4526B9C0069A2DCF1D657D9B471AAFAA39CAD165336BFE88CF5AA31129F47661",
        ["certificate"] = "D61754C160B236AECB739E82B08F5A9B899578D14947836DDFC7B1662B60FC67",
        ["certificate-counter"] = "095CDDDD62258B6FAD09882F8C277E797D20DE232ACEB0C35F1A91080BFCFF6B",
        ["certificates-by-subject"] = "3FC6912BA9545800E76C16CC51DE4E6D7D42B6221F68698A1743518D9200AE4D",
        ["certificates-by-subject-count"] = "A374DD8AAB9FA23BD7F8203BD3BF19C5866ABFCAD3516B980E74FBC15FB3650D",
        ["certificates-by-issuer"] = "5D4D5E7D67D7FDCF6B61F00C24E14D2CAB2544CD820A266E792BBB2FA897FEB5",
        ["certificates-by-issuer-count"] = "7906A407A61FF53F60B1E21FBB312FB8EB439C95C124FFA869B29F72D7D13E94",
        ["microshare-class"] = "81132304136F70524FAEDAA4D1BB6E7F987AD40554B5C1F89EE84F6499FD6DDB",
        ["microshare-class-counter"] = "9EE5A2CD02BA888342D2997A9F302483C6A83B7CB6C480CC8EF6EC0ED0FAA8F3",
        ["microshare-symbol"] = "938AA933F87BCAEE60C2FEA1A3FEB5464CAD536D767752CF82915498AE428F38",
        ["microshare-lot"] = "7B4BFC37FC7D0AF4AD76704A204602B2B5078045C78BFA7A3AB2D79C059D180C",
        ["microshare-lot-counter"] = "45FD628E30B0ADB930AD2C3484CD2EEDA37728A3F7E256D8A162AD07DB00EC26",
        ["microshare-holding"] = "7AF5F795B9713D6D6B49D5183E7D6BED252E3A32300B1DD17002C688292AACCC",
        ["microshare-reserve"] = "A465C55446A0676D14668043EA0532357362D2A27EDEEBA01E2235C092A1474B",
        ["provenance-record"] = "3F1C2C11E21E1326268A8EAFFF007ABE9EFC66412D7AA820EC9F7AD34E1B356F",
        ["provenance-counter"] = "E74E92F5D597E3E5C52CE036AFD1A4C312072A15B9775254F9CE222395E8D0CA",
        ["provenance-index-count"] = "B1DE90A91124BE649C475DC079668B94389301551935150CE8A6A38E519011C5",
        ["provenance-index-chunk"] = "E55139016A2371B4343D850DF3B84AF42783AC0E71C668858AC9558742C6DD75",
        ["exchange-market"] = "67F62F2F329274583CB4312BC43E5F3B49FD1FAC92203B098C16E04FEACAFE1A",
        ["exchange-market-counter"] = "7C5916B676A2369E8B3229869AD4904BA301723BC65BD6AD9A7C95CF5829BA02",
        ["exchange-order"] = "691C06992694CA5912FB73484C5261A0EBF0690440B8A820F0AE79D54BE40371",
        ["exchange-order-counter"] = "E87B2290E9F6FF3358F7973FD5D4516906DF7C3ECB2513BE7ED58331A008CFBF",
        ["exchange-book-side"] = "8B7DC771A9E4AC641A38ADC096B554520917B2DDC780BD74EB397095976186B3",
        ["exchange-price-chunk"] = "1ECAC45C61742A3F740063426DFCB713192C1E1FFA87DF2D3AD98175C50F0C95",
        ["exchange-level"] = "43EB3A971FD144EB76F65C4FCFA5DE890836DF9F3CC9F2EB4C7D5353E7AFD677",
        ["exchange-level-chunk"] = "0D9D2E704F93F0C607563832DEB0DF5CA97430BBB0CB3056A60D7107B798D134",
        ["exchange-order-list-chunk"] = "7CDE4C27D5746629D7F2A18E3C71578CF655B2F1F8E59C53F2E528B908EE3086",
        ["exchange-expiry"] = "E29C36E74577C28E6061CEE1AA039C2D08F670CB252AC5CAD764E135C8FD80AA",
        ["exchange-certificate-orders"] = "F72AD0DED64CD32BF7D03F30F083B7CD6743744E54461EFFEEDB6D0BEDC7C3C6",
        ["exchange-trade"] = "5BD87D5D6A3C2A775B1F48FAA14F3EE86740988AE5126B337675F0AF1337CD91",
        ["exchange-batch-events"] = "8086B773976948ACB9D997D7EA7917D13DF3F8A06F985AD339E7BCB2BE3E59C2",
        ["exchange-pending"] = "CF2E79A5F01FE4F1B397D409C042344334D598ED97EE192583AD55EDC1487582",
        ["exchange-pending-markets"] = "21A93C2E1708B5771A4E0522A130E1385DE9C1AFE0C2F8D879AF43FA197E5E21",
        ["exchange-placements"] = "BA9D7C9F32F6F006A9FC4D043F0A9712F80F39407C2D4520F3266CF1E9615E55",
        ["exchange-active-certificates"] = "4A024FC2EE7BDB7DFA6EB2F8FA1D66B5EEEE4BC342860B89B7A2F469765F463F",
        ["daf-params"] = "0A2869FEA84012C46A8C947653C473EC6DE2FE186910B974348B71D604493D81",
        ["daf-members"] = "86DB92FB681D8254B3C84749D843EB2ABDFA964DBB5FAB0693B4773015D8729F",
        ["daf-proposal"] = "A3A84C9A0C87D953CE470C67EA356002EA977E1FA22A46DFF67BB9E74BB66752",
        ["daf-proposal-counter"] = "C60E4A3C3F57E7894B8E132990E56DA2F43A645C3C416657CD3FC0EAF29DD075",
        ["daf-vote"] = "0D678190C8C06983B959FA7AAE79089020CD96A2780959013F36C2E24EA93501",
        ["daf-end-block-events"] = "ABC03A5EC284488AF849B5C916B18A0FB856AF8696FC3607CB4AEDA644606281",
        ["daf-voters-count"] = "29BE383813AB7D990B273FFD5CFD32C1A61C2630FEC92FD88176A37ED6D4267C",
        ["daf-voters-chunk"] = "60B42079199628FA8D372D6EAB979FBEEA7C60E494B82D6D1C9DA23DDCBD1D18",
        ["daf-deposit"] = "F26EFA4DD3AC0CE909D68C2258992BFF969511AEE396494662ADD91BF5150A48",
        ["daf-depositors-chunk"] = "B64288388810102266DA2478DC39F4310D6833D21C9707F2CAB66A8A3880F186",
        ["daf-due-count"] = "68DFB00151C5C6A9A3A0E0E07BB5B4CCF235AFA15DC83E95126057F1BE701D59",
        ["daf-active-by-proposer"] = "3A3F60F86831BA24D894A15043A84F91FC08514FC41F5CA1091A1B76AD489B9B",
        ["daf-active-count"] = "E308269C237A65C082039E8575AB8E4A4301356D00BDAB41878117385E85E1F0",
        ["daf-burned"] = "8DD67E0DD4B4CDA91FF00B3260500E64935C86792B367BE7808F2DCBABDC128A",
        ["daf-member-weight"] = "2D0103EE5366F6FEB71AE7CD9FD558E415D307398741BB401B36D6EDD805403B",
        ["grants-grant"] = "E70E590B61A185DD660072F2F136DA9CC7B5AE2B937B7E10249D198D4410BDDC",
        ["grants-last-grant-id"] = "97AC03CB196B6BFBA0CA6961AE7B1F7B137FB04988F0871AFF589DA9F6543F68",
        ["grants-stake"] = "E75292247B2E2200FAD7FD441DC8BE8B00AE8CF9D0E30206297D438D9EAC76C7",
        ["grants-supports"] = "F505AB67C8D15EBE2A1A71EC44CEB4BAD89989B266674AB1EB2F3AB795F057BA",
        ["grants-total-staked"] = "B762E1628EC6B612533BC16B3550FC1C7E6D644A1D99008D3F1884F14D2576C7",
        ["grants-due-count"] = "4BBA2AD9EF35E471B335CAEFF25C1843A83733BEF6249E32C28FCDFFE951B558",
        ["grants-due-chunk"] = "4FBAFD10FA4F6759B0FC226D83AAB57A7F8BAE4DC51F23F39E1F49519156524F",
        ["grants-open-count"] = "3BAEB31FE55B50F826AED67EAA2A133E5D1484BEF3D4056661B7B13C9E867CB8",
    };

    private static IEnumerable<(string Name, Hash32 Key)> Keys()
    {
        var (a, b) = (TestKeys.Address("alice"), TestKeys.Address("bob"));
        yield return ("account", AccountKeys.Account(a));
        yield return ("authority", GovernanceKeys.Authority());
        yield return ("validators-next", ValidatorKeys.Next());
        yield return ("validators-pending", ValidatorKeys.Pending());
        yield return ("jailed", ValidatorKeys.Jailed());
        yield return ("evidence", ValidatorKeys.Evidence(Hash32.Sha256("e"u8)));
        yield return ("evidence-count", ValidatorKeys.EvidenceCount());
        yield return ("evidence-by-sequence", ValidatorKeys.EvidenceBySequence(0x0102030405060708));
        yield return ("roles", RoleKeys.Roles(a));
        yield return ("entity", EntityKeys.Entity(0x0102));
        yield return ("entity-counter", EntityKeys.Counter());
        yield return ("entities-by-controller", EntityKeys.ByController(b));
        yield return ("asset", AltcoinKeys.Asset("GREEN"));
        yield return ("asset-balance", AltcoinKeys.Balance("GREEN", a));
        yield return ("allowance", AltcoinKeys.Allowance("GREEN", a, b));
        yield return ("method", CertificateKeys.Method("sroi", 0x01020304));
        yield return ("method-latest", CertificateKeys.MethodLatest("sroi"));
        yield return ("certificate", CertificateKeys.Certificate(9));
        yield return ("certificate-counter", CertificateKeys.Counter());
        yield return ("certificates-by-subject", CertificateKeys.BySubject(7, 0x0A0B0C0D));
        yield return ("certificates-by-subject-count", CertificateKeys.BySubjectCount(7));
        yield return ("certificates-by-issuer", CertificateKeys.ByIssuer(a, 3));
        yield return ("certificates-by-issuer-count", CertificateKeys.ByIssuerCount(a));
        yield return ("microshare-class", MicroshareKeys.Class(5));
        yield return ("microshare-class-counter", MicroshareKeys.ClassCounter());
        yield return ("microshare-symbol", MicroshareKeys.Symbol("MSH"));
        yield return ("microshare-lot", MicroshareKeys.Lot(11));
        yield return ("microshare-lot-counter", MicroshareKeys.LotCounter());
        yield return ("microshare-holding", MicroshareKeys.Holding(b, 5));
        yield return ("microshare-reserve", MicroshareKeys.Reserve(5, "GREEN"));
        yield return ("provenance-record", ProvenanceKeys.Record(42));
        yield return ("provenance-counter", ProvenanceKeys.Counter());
        yield return ("provenance-index-count", ProvenanceKeys.IndexCount(ProvenanceKeys.ByItemCountPrefix, [3, (byte)'a', (byte)'b', (byte)'c']));
        yield return ("provenance-index-chunk", ProvenanceKeys.IndexChunk(ProvenanceKeys.ByLotChunkPrefix, [0, 0, 0, 0, 0, 0, 0, 4], 2));
        yield return ("exchange-market", ExchangeKeys.Market(0x0102));
        yield return ("exchange-market-counter", ExchangeKeys.MarketCounter());
        yield return ("exchange-order", ExchangeKeys.Order(0x0304));
        yield return ("exchange-order-counter", ExchangeKeys.OrderCounter());
        yield return ("exchange-book-side", ExchangeKeys.BookSide(7, OrderSide.Sell));
        yield return ("exchange-price-chunk", ExchangeKeys.PriceChunk(7, OrderSide.Buy, 3));
        yield return ("exchange-level", ExchangeKeys.Level(7, OrderSide.Buy, new UInt128(0x0102, 0x030405060708090A)));
        yield return ("exchange-level-chunk", ExchangeKeys.LevelChunk(7, OrderSide.Sell, 5, 2));
        yield return ("exchange-order-list-chunk", ExchangeKeys.ListChunk([2, 9, 9], 1));
        yield return ("exchange-expiry", ExchangeKeys.Expiry(100));
        yield return ("exchange-certificate-orders", ExchangeKeys.CertificateOrders(4));
        yield return ("exchange-trade", ExchangeKeys.Trade(7, 12));
        yield return ("exchange-batch-events", ExchangeKeys.BatchEvents(100));
        yield return ("exchange-pending", ExchangeKeys.Pending(7));
        yield return ("exchange-pending-markets", ExchangeKeys.PendingMarkets());
        yield return ("exchange-placements", ExchangeKeys.Placements());
        yield return ("exchange-active-certificates", ExchangeKeys.ActiveCertificates());
        var d = new Seratio.Core.Addressing.Address(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());
        yield return ("daf-params", DafKeys.Params());
        yield return ("daf-members", DafKeys.Members());
        yield return ("daf-proposal", DafKeys.Proposal(0x0102));
        yield return ("daf-proposal-counter", DafKeys.ProposalCounter());
        yield return ("daf-vote", DafKeys.Vote(7, d));
        yield return ("daf-end-block-events", DafKeys.EndBlockEvents(100));
        yield return ("daf-voters-count", DafKeys.ListCount(DafKeys.VotersPrefix, 7));
        yield return ("daf-voters-chunk", DafKeys.ListChunk(DafKeys.VotersPrefix, 7, 2));
        yield return ("daf-deposit", DafKeys.Deposit(7, d));
        yield return ("daf-depositors-chunk", DafKeys.ListChunk(DafKeys.DepositorsPrefix, 7, 0));
        yield return ("daf-due-count", DafKeys.ListCount(DafKeys.DuePrefix, 100));
        yield return ("daf-active-by-proposer", DafKeys.ActiveByProposer(d));
        yield return ("daf-active-count", DafKeys.ActiveCount());
        yield return ("daf-burned", DafKeys.Burned());
        yield return ("daf-member-weight", DafKeys.MemberWeight(d));
        yield return ("grants-grant", GrantKeys.Grant(0x0102));
        yield return ("grants-last-grant-id", GrantKeys.GrantCounter());
        yield return ("grants-stake", GrantKeys.Stake(7, d));
        yield return ("grants-supports", GrantKeys.Supports(d));
        yield return ("grants-total-staked", GrantKeys.TotalStaked());
        yield return ("grants-due-count", GrantKeys.Due(100));
        yield return ("grants-due-chunk", Seratio.Vm.Modules.Exchange.ExchangeKeys.ListChunk(GrantKeys.DuePrefix, Seratio.Vm.State.StateValues.U64(100), 2));
        yield return ("grants-open-count", GrantKeys.OpenCount());
    }

    [Fact]
    public void EveryKeyBuilder_GivesItsPinnedBytes()
    {
        var actual = Keys().ToDictionary(k => k.Name, k => Convert.ToHexString(k.Key.ToArray()));
        Assert.Equal(Expected.Count, actual.Count);
        Assert.All(Expected, e => Assert.Equal(e.Value, actual[e.Key]));
    }
}
