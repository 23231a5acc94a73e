using Google.Protobuf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Seratio.Core.Crypto;
using Seratio.Portal.Explorer;
using Seratio.Portal.Node;
using Seratio.Protocol;

namespace Seratio.Portal.Pages.Explorer;

/// <summary>/blocks/{height or hash}: the header, its transactions (hash, sender, messages), evidence and the commit's signers.</summary>
public sealed class BlockModel(PortalNode node) : PageModel
{
    public BlockResponse Block { get; private set; } = new();
    public IReadOnlyList<TxRow> Txs { get; private set; } = [];

    /// <summary>A transaction as the block lists it; <see cref="Kinds"/> are its messages' kinds.</summary>
    public sealed record TxRow(string Hash, string Sender, string Kinds);

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        var request = new GetBlockRequest();
        if (id.Length <= ChainIds.MaxInputChars && ChainIds.IsHeight(id, out var height))
        {
            if (height == 0) return Refusal.BadInput(this, "heights start at 1; block 0 does not exist (the genesis is a state, not a block)");
            request.Height = height;
        }
        else if (ChainIds.IsHash(id, out var hash)) request.Hash = ByteString.CopyFrom(hash);
        else return Refusal.BadInput(this, "a block is named by its height (a whole number) or its hash (64 hex digits)");
        try
        {
            Block = await node.Api.GetBlockAsync(request, node.Call(ct));
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode == Grpc.Core.StatusCode.OutOfRange)
        {
            return Refusal.NothingFound(this, $"block {id} is not committed yet: {e.Status.Detail}");
        }
        Txs = Block.Block.Txs.Select(Row).ToList();
        return Page();
    }

    private static TxRow Row(ByteString bytes)
    {
        try
        {
            var tx = Tx.Parser.ParseFrom(bytes);
            var body = TxBody.Parser.ParseFrom(tx.Body);
            var hash = Hashing.Hash(Domains.Tx, tx.Body.Span).ToString();
            return new TxRow(hash, Shared.Format.Address(body.Sender), string.Join(", ", body.Msgs.Select(m => m.KindCase.ToString())));
        }
        catch (InvalidProtocolBufferException)
        {
            return new TxRow("", "", "undecodable");
        }
    }
}
