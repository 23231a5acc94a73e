using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// The transaction mix of a run (<c>--mix transfers=W,certificates=W,microshares=W,orders=W</c>): the shares of
/// certificate issuances, microshare sends and exchange actions (<see cref="Orders.OrderMix"/>) among the
/// transactions, in percent. Which transactions are which is fixed by position (deterministic): the slot
/// index (<see cref="SlotOf"/>: an account's round shifted by the account, so that every account gets every
/// kind even when the account count is a multiple of 100) is spread over 0..99 by a permutation of each 100
/// consecutive slots, and consecutive ranges of that value are the kinds (issuances first, then microshare
/// sends, then exchange actions, then transfers): each kind gets exactly its share of every 100 consecutive
/// slots, and no slot is of two kinds. Immutable.
/// </summary>
internal sealed record TxMix(int CertificatePercent, int MicrosharePercent = 0, int OrderPercent = 0)
{
    public static readonly TxMix TransfersOnly = new(0);

    public bool HasCertificates => CertificatePercent > 0;

    public bool HasMicroshares => MicrosharePercent > 0;

    public bool HasOrders => OrderPercent > 0;

    /// <summary>The slot of the <paramref name="k"/>-th transaction in offering order (account k mod A, its round k div A).</summary>
    public static long SlotOf(long k, int accounts) => k / accounts + k % accounts;

    /// <summary>Whether slot <paramref name="slot"/> is a certificate issuance.</summary>
    public bool IsCertificate(long slot) => Spread(slot) < CertificatePercent;

    /// <summary>Whether slot <paramref name="slot"/> is a microshare send.</summary>
    public bool IsMicroshare(long slot) => Spread(slot) - CertificatePercent is var v && v >= 0 && v < MicrosharePercent;

    /// <summary>Whether slot <paramref name="slot"/> is an exchange action (a placement or a cancel).</summary>
    public bool IsOrder(long slot) => Spread(slot) - CertificatePercent - MicrosharePercent is var v && v >= 0 && v < OrderPercent;

    /// <summary>0..99, each value once in every 100 consecutive slots (61 is prime to 100), far apart for neighbours.</summary>
    private static int Spread(long slot) => (int)(slot % 100 * 61 % 100);

    /// <summary>Parses "transfers=70,certificates=30", "microshares", "orders=50,transfers=50", "certificates" (all issuances) or "transfers".</summary>
    public static TxMix Parse(string text)
    {
        long transfers = 0, certificates = 0, microshares = 0, orders = 0;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            long weight = 1;
            if (pair.Length == 2 && !long.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out weight))
                throw new ArgumentException($"--mix weight '{pair[1]}' is not a whole number");
            if (weight > 1_000_000) throw new ArgumentException($"--mix weight '{pair[1]}' is too large; weights are relative, e.g. transfers=70,orders=30");
            switch (pair[0])
            {
                case "transfers": transfers += weight; break;
                case "certificates": certificates += weight; break;
                case "microshares": microshares += weight; break;
                case "orders": orders += weight; break;
                default: throw new ArgumentException($"--mix kind '{pair[0]}' is unknown; use transfers, certificates, microshares and/or orders, e.g. transfers=70,certificates=30");
            }
        }
        long total = transfers + certificates + microshares + orders;
        if (total == 0) throw new ArgumentException("--mix needs a positive weight");
        return new TxMix((int)(certificates * 100 / total), (int)(microshares * 100 / total), (int)(orders * 100 / total));
    }
}

/// <summary>
/// Prepares and signs certificate issuances for a run: the devnet authority (dev-0) registers a
/// method of its own for the run and an entity to certify, and grants every load account the
/// issuer role (48 grants per transaction, all submitted at once within the pool's nonce window),
/// before the clock starts.
/// </summary>
internal sealed class CertificateMix(NodeApi.NodeApiClient client, string chainId, TextWriter log)
{
    public const ulong GasLimit = 100_000;
    private const int GrantsPerTx = 48;

    /// <summary>What every issuance of the run names: the method id and the subject entity.</summary>
    public sealed record Target(string Method, ulong Subject);

    public async Task<Target> PrepareAsync(SigningKey authority, IReadOnlyList<SigningKey> issuers, ulong runTag, CancellationToken ct)
    {
        string method = "loadgen-" + runTag.ToString(CultureInfo.InvariantCulture);
        ulong nonce = (await client.GetAccountAsync(new GetAccountRequest { Address = authority.Address.ToString() }, cancellationToken: ct)).Nonce;
        var register = new MsgRegisterEntity { Kind = EntityKind.Project, Name = "load generator " + method };
        register.Controllers.Add(authority.Address.ToByteString());
        var first = Sign(authority, nonce++, 1_000_000,
            new Msg { RegisterMethod = new MsgRegisterMethod { Id = method, Version = 1, Description = "load generator run", DocumentHash = Hash32.Sha256([1]).ToByteString() } },
            new Msg { RegisterEntity = register });
        var receipt = (await client.SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(first), Mode = SubmitMode.Commit }, cancellationToken: ct)).Receipt;
        if (receipt.Code != ResultCode.Ok) throw new InvalidOperationException($"certificate setup failed ({receipt.Code}): {receipt.Log}; is dev-0 the chain's authority?");
        ulong subject = ulong.Parse(receipt.Events.First(e => e.Type == "entity_registered").Attributes.First(a => a.Key == "id").Value, CultureInfo.InvariantCulture);

        if (issuers.Count > 60 * GrantsPerTx) throw new ArgumentException($"--accounts {issuers.Count} is too many for the certificate mix: at most {60 * GrantsPerTx}");
        var batch = new SubmitTxBatchRequest();
        for (int i = 0; i < issuers.Count; i += GrantsPerTx)
        {
            var grants = issuers.Skip(i).Take(GrantsPerTx)
                .Select(k => new Msg { GrantRole = new MsgGrantRole { Account = k.Address.ToByteString(), Role = Role.Issuer } }).ToArray();
            batch.Txs.Add(ByteString.CopyFrom(Sign(authority, nonce++, 1_000_000, grants)));
        }
        var results = (await client.SubmitTxBatchAsync(batch, cancellationToken: ct)).Results;
        if (results.FirstOrDefault(r => r.Code != 0) is { } refused)
            throw new RpcException(new Status((StatusCode)refused.Code, $"issuer grant refused: {refused.Reason}"));
        while ((await client.GetAccountAsync(new GetAccountRequest { Address = authority.Address.ToString() }, cancellationToken: ct)).Nonce < nonce)
            await Task.Delay(100, ct);
        log.WriteLine($"certificate mix: method {method} v1, subject entity {subject}, {issuers.Count} issuers granted");
        return new Target(method, subject);
    }

    /// <summary>A signed issuance by <paramref name="issuer"/> of a certificate of <paramref name="target"/>.</summary>
    public static byte[] SignIssue(string chainId, SigningKey issuer, ulong nonce, Target target)
    {
        var issue = new MsgIssueCertificate
        {
            Subject = target.Subject,
            PeriodStartUnixMs = 1_735_689_600_000,
            PeriodEndUnixMs = 1_767_225_600_000,
            SocialValue = (1_000 + nonce).ToString(CultureInfo.InvariantCulture),
            FinancialValue = "700",
            Scale = 2,
            SocialUnit = "GBP",
            Currency = "GBP",
            MethodId = target.Method,
            MethodVersion = 1,
            EvidenceUri = "ipfs://loadgen",
            EvidenceHash = Hash32.Sha256([2]).ToByteString(),
            ValidUntilUnixMs = long.MaxValue,
        };
        issue.Labels.Add("SDG:13");
        return Sign(chainId, issuer, nonce, GasLimit, new Msg { IssueCertificate = issue });
    }

    private byte[] Sign(SigningKey from, ulong nonce, ulong gasLimit, params Msg[] msgs) => Sign(chainId, from, nonce, gasLimit, msgs);

    private static byte[] Sign(string chainId, SigningKey from, ulong nonce, ulong gasLimit, params Msg[] msgs)
    {
        var body = new TxBody { ChainId = chainId, Sender = from.Address.ToByteString(), Nonce = nonce, GasLimit = gasLimit, GasPrice = 0 };
        body.Msgs.Add(msgs);
        return TxDecoder.Sign(body, from);
    }
}
