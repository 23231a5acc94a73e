using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.LoadGen;

/// <summary>
/// The provenance mix (<c>--provenance P</c>): before the clock starts, each load account registers
/// an entity it controls and appends one root record to it; P percent of the measured transactions
/// (chosen by position, spread evenly over the accounts) are then appends to the account's entity
/// naming the root as input, so each writes a record, the root's children list, the entity's list
/// and its item's list. Immutable after setup; <see cref="Sign"/> is thread safe.
/// </summary>
internal sealed class ProvenanceMix
{
    private const ulong GasLimit = 200_000;
    private readonly string _chainId;
    private readonly SigningKey[] _senders;
    private readonly ulong[] _entities;
    private readonly ulong[] _roots;
    private readonly int _percent;

    private ProvenanceMix(string chainId, SigningKey[] senders, ulong[] entities, ulong[] roots, int percent)
    {
        _percent = percent;
        _chainId = chainId;
        _senders = senders;
        _entities = entities;
        _roots = roots;
    }

    /// <summary>Registers the entities and roots; advances <paramref name="nextNonces"/> past the two setup transactions.</summary>
    public static async Task<ProvenanceMix> PrepareAsync(NodeApi.NodeApiClient client, string chainId, SigningKey[] senders, ulong[] nextNonces,
        int percent, TextWriter log, CancellationToken ct)
    {
        var entities = new ulong[senders.Length];
        var roots = new ulong[senders.Length];
        await SubmitAllAsync(client, senders.Select((s, a) => Sign(chainId, s, nextNonces[a]++, Register(s))), ct);
        for (int a = 0; a < senders.Length; a++)
            entities[a] = await UntilAsync(async () =>
                (await client.ListEntitiesAsync(new ListEntitiesRequest { Controller = senders[a].Address.ToString(), PageSize = 1 }, cancellationToken: ct))
                .Entities.FirstOrDefault()?.Id ?? 0, ct);
        log.WriteLine($"registered {senders.Length} entities for the provenance mix");
        await SubmitAllAsync(client, senders.Select((s, a) => Sign(chainId, s, nextNonces[a]++, Append(entities[a], "root", 0, 0))), ct);
        for (int a = 0; a < senders.Length; a++)
            roots[a] = await UntilAsync(async () =>
                (await client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { EntityId = entities[a], PageSize = 1 }, cancellationToken: ct))
                .Records.FirstOrDefault()?.Id ?? 0, ct);
        log.WriteLine($"appended {senders.Length} root records; {percent}% of the measured transactions append records naming them");
        return new ProvenanceMix(chainId, senders, entities, roots, percent);
    }

    /// <summary>
    /// The signed append of <paramref name="account"/> at <paramref name="nonce"/>, or null when that
    /// transaction is not one: each account's own sequence, shifted by the account, is P percent
    /// appends, so every account appends (a share counted over the offering order alone would give
    /// the same accounts every append whenever the account count is a multiple of 100).
    /// </summary>
    public byte[]? Sign(int account, ulong nonce, long index)
    {
        long k = index / _senders.Length + account; // the account's round, shifted
        return (k + 1) * _percent / 100 == k * _percent / 100
            ? null
            : Sign(_chainId, _senders[account], nonce, Append(_entities[account], "item-" + nonce, _roots[account], nonce));
    }

    private static Msg Register(SigningKey sender)
    {
        var register = new MsgRegisterEntity { Kind = EntityKind.Process, Name = "loadgen " + sender.Address };
        register.Controllers.Add(sender.Address.ToByteString());
        return new Msg { RegisterEntity = register };
    }

    private static Msg Append(ulong entity, string item, ulong input, ulong nonce)
    {
        var append = new MsgAppendProvenance
        {
            EntityId = entity,
            EventKind = input == 0 ? ProvenanceEventKind.Object : ProvenanceEventKind.Transformation,
            Location = "urn:epc:id:sgln:0614141.00777.0",
            EventTimeMs = 1_700_000_000_000 + (long)nonce,
            BusinessStep = "commissioning",
            Disposition = "active",
        };
        append.Items.Add(item);
        if (input != 0) append.Inputs.Add(input);
        return new Msg { AppendProvenance = append };
    }

    private static byte[] Sign(string chainId, SigningKey from, ulong nonce, Msg msg)
    {
        var body = new TxBody { ChainId = chainId, Sender = from.Address.ToByteString(), Nonce = nonce, GasLimit = GasLimit, GasPrice = 0 };
        body.Msgs.Add(msg);
        return TxDecoder.Sign(body, from);
    }

    private static async Task SubmitAllAsync(NodeApi.NodeApiClient client, IEnumerable<byte[]> txs, CancellationToken ct)
    {
        foreach (var chunk in txs.Chunk(1_000))
        {
            var request = new SubmitTxBatchRequest();
            foreach (var tx in chunk) request.Txs.Add(ByteString.CopyFrom(tx));
            var response = await client.SubmitTxBatchAsync(request, cancellationToken: ct);
            foreach (var result in response.Results)
                if ((StatusCode)result.Code is not (StatusCode.OK or StatusCode.AlreadyExists))
                    throw new InvalidOperationException($"provenance mix setup transaction refused: {(StatusCode)result.Code} {result.Outcome}: {result.Reason}");
        }
    }

    /// <summary>Polls until <paramref name="read"/> gives a non-zero id (the setup transaction committed), for at most a minute.</summary>
    private static async Task<ulong> UntilAsync(Func<Task<ulong>> read, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 600; attempt++)
        {
            var id = await read();
            if (id != 0) return id;
            await Task.Delay(100, ct);
        }
        throw new TimeoutException("a provenance mix setup transaction did not commit within a minute");
    }
}
