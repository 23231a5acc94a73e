using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// The microshare mix (<c>--mix microshares=W</c>, see <see cref="TxMix"/>): before the clock starts, the authority (the first
/// funder, dev-0 on a devnet) registers a method, takes the issuer and rewarding-body roles, registers an
/// entity, issues it a certificate and creates a class over it; then each load account mints one lot
/// against SER. Every measured transaction sends 1 unit to the next account, oldest lot first, so each
/// one reads the sender's holding, its lot and the lot's certificate, and writes two holdings. Not thread
/// safe (used by one setup call); <see cref="Sign"/> is thread safe.
/// </summary>
internal sealed class MicroshareMix
{
    private const ulong GasLimit = 200_000;
    private readonly string _chainId;
    private readonly SigningKey[] _senders;
    private readonly ulong _classId;

    private MicroshareMix(string chainId, SigningKey[] senders, ulong classId)
    {
        _chainId = chainId;
        _senders = senders;
        _classId = classId;
    }

    /// <summary>Sets up the class and one lot per account; advances <paramref name="nextNonces"/> past the mints.</summary>
    public static async Task<MicroshareMix> PrepareAsync(NodeApi.NodeApiClient client, string chainId, SigningKey authority, SigningKey[] senders,
        ulong[] nextNonces, TextWriter log, CancellationToken ct)
    {
        var status = await client.GetStatusAsync(new GetStatusRequest(), cancellationToken: ct);
        string tag = status.LatestHeight.ToString(CultureInfo.InvariantCulture);
        string method = "loadgen-" + tag;
        // A second run on the same chain finds the roles granted already: grant only what is missing.
        var roles = (await client.GetRolesAsync(new GetRolesRequest { Address = authority.Address.ToString() }, cancellationToken: ct)).Roles;
        var setUpMsgs = new List<Msg>
        {
            new() { RegisterMethod = new MsgRegisterMethod { Id = method, Version = 1, Description = "load generator method", DocumentHash = Hash32.Sha256([1]).ToByteString() } },
        };
        if (!roles.Issuer || roles.IssuerMethods.Count > 0) setUpMsgs.Add(new Msg { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.Issuer } });
        if (!roles.RewardingBody) setUpMsgs.Add(new Msg { GrantRole = new MsgGrantRole { Account = authority.Address.ToByteString(), Role = Role.RewardingBody } });
        setUpMsgs.Add(new Msg { RegisterEntity = new MsgRegisterEntity { Kind = EntityKind.Project, Name = "loadgen " + tag, Controllers = { authority.Address.ToByteString() } } });
        var setUp = await CommitAsync(client, chainId, authority, ct, [.. setUpMsgs]);
        ulong entity = Id(setUp, "entity_registered", "id");
        var issued = await CommitAsync(client, chainId, authority, ct, new Msg
        {
            IssueCertificate = new MsgIssueCertificate
            {
                Subject = entity, PeriodStartUnixMs = 1_672_531_200_000, PeriodEndUnixMs = 1_704_067_200_000, SocialValue = "3", FinancialValue = "1",
                SocialUnit = "GBP", Currency = "GBP", MethodId = method, MethodVersion = 1, EvidenceUri = "ipfs://loadgen",
                EvidenceHash = Hash32.Sha256([2]).ToByteString(), ValidUntilUnixMs = status.LatestBlockTimeUnixMs + 365L * 24 * 3600 * 1000,
            },
        });
        ulong certificate = Id(issued, "certificate_issued", "id");
        var created = await CommitAsync(client, chainId, authority, ct, new Msg
        {
            CreateMicroshareClass = new MsgCreateMicroshareClass
            {
                Name = "loadgen shares", Symbol = "LG" + tag[..Math.Min(tag.Length, 10)], CertificateIds = { certificate },
                Rule = new MintRule { Kind = MintRuleKind.Fixed, Numerator = 1_000, Denominator = 1 },
            },
        });
        ulong classId = Id(created, "microshare_class_created", "class");
        log.WriteLine($"created microshare class {classId} over certificate {certificate}");

        var mints = senders.Select((s, a) => Sign(chainId, s, nextNonces[a]++, new Msg
        {
            MintMicroshares = new MsgMintMicroshares { ClassId = classId, CertificateId = certificate, OriginAsset = "SER", OriginAmount = "1000000" },
        })).ToList();
        foreach (var chunk in mints.Chunk(1_000))
        {
            var request = new SubmitTxBatchRequest();
            foreach (var tx in chunk) request.Txs.Add(ByteString.CopyFrom(tx));
            var response = await client.SubmitTxBatchAsync(request, cancellationToken: ct);
            foreach (var result in response.Results)
                if ((StatusCode)result.Code is not (StatusCode.OK or StatusCode.AlreadyExists))
                    throw new InvalidOperationException($"microshare mix mint refused: {(StatusCode)result.Code} {result.Outcome}: {result.Reason}");
        }
        for (int a = 0; a < senders.Length; a++)
        {
            var holder = senders[a].Address.ToString();
            for (int attempt = 0; ; attempt++)
            {
                var holdings = await client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = holder, ClassId = classId, PageSize = 1 }, cancellationToken: ct);
                if (holdings.Lots.Count > 0) break;
                if (attempt == 600) throw new TimeoutException("a microshare mix mint did not commit within a minute");
                await Task.Delay(100, ct);
            }
        }
        log.WriteLine($"minted a lot for each of {senders.Length} accounts; measured transactions send 1 unit to the next account");
        return new MicroshareMix(chainId, senders, classId);
    }

    /// <summary>The signed send of account <paramref name="account"/> at <paramref name="nonce"/>.</summary>
    public byte[] Sign(int account, ulong nonce) => Sign(_chainId, _senders[account], nonce, new Msg
    {
        SendMicroshares = new MsgSendMicroshares { ClassId = _classId, To = _senders[(account + 1) % _senders.Length].Address.ToByteString(), Units = "1" },
    });

    private static byte[] Sign(string chainId, SigningKey from, ulong nonce, params Msg[] msgs)
    {
        var body = new TxBody { ChainId = chainId, Sender = from.Address.ToByteString(), Nonce = nonce, GasLimit = GasLimit, GasPrice = 0 };
        body.Msgs.Add(msgs);
        return TxDecoder.Sign(body, from);
    }

    private static async Task<Receipt> CommitAsync(NodeApi.NodeApiClient client, string chainId, SigningKey from, CancellationToken ct, params Msg[] msgs)
    {
        var account = await client.GetAccountAsync(new GetAccountRequest { Address = from.Address.ToString() }, cancellationToken: ct);
        var tx = Sign(chainId, from, account.Nonce, msgs);
        var response = await client.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(tx), Mode = SubmitMode.Commit }, cancellationToken: ct);
        if (response.Receipt.Code != ResultCode.Ok)
            throw new InvalidOperationException($"microshare mix setup failed ({response.Receipt.Code}): {response.Receipt.Log}; the first --funders key must be the chain's authority");
        return response.Receipt;
    }

    private static ulong Id(Receipt receipt, string type, string key) =>
        ulong.Parse(receipt.Events.First(e => e.Type == type).Attributes.First(a => a.Key == key).Value, CultureInfo.InvariantCulture);
}
