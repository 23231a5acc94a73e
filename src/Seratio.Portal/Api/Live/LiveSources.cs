using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Portal.Node;
using Seratio.Portal.Pages.Shared;
using Seratio.Protocol;

namespace Seratio.Portal.Api.Live;

/// <summary>The upstreams of the live feeds: what the portal reads from its node and the JSON each browser gets. Stateless.</summary>
internal static class LiveSources
{
    /// <summary>Blocks a feed replays to a joining browser: the front page's list.</summary>
    public const int RecentBlocks = 10;

    /// <summary>
    /// The node's StreamBlocks: one "block" event per committed block. It starts <see cref="RecentBlocks"/> below the
    /// head (so the feed holds the latest blocks at once), and a reopened stream resumes after the last block it sent,
    /// so a dropped upstream leaves no gap, unless that is further back than the recent blocks.
    /// </summary>
    public static LiveFeed.Upstream Blocks(PortalNode node)
    {
        ulong next = 0;
        return async (publish, ct) =>
        {
            var head = (await node.Api.GetStatusAsync(new GetStatusRequest(), node.Call(ct)).ResponseAsync.ConfigureAwait(false)).LatestHeight;
            ulong recent = head > RecentBlocks ? head - RecentBlocks + 1 : 1;
            ulong from = next == 0 || next < recent ? recent : next;
            using var call = node.Api.StreamBlocks(new StreamBlocksRequest { FromHeight = from }, PortalNode.Stream(ct));
            await foreach (var block in call.ResponseStream.ReadAllAsync(ct).ConfigureAwait(false))
            {
                next = block.Block.Header.Height + 1;
                publish(new LiveEvent("block", BlockJson(block)));
            }
        };
    }

    /// <summary>The consensus round, read every <paramref name="every"/> (the node streams no rounds): a "consensus" event when it changed.</summary>
    public static LiveFeed.Upstream Consensus(PortalNode node, TimeSpan every, TimeProvider time) => async (publish, ct) =>
    {
        ByteString? last = null;
        while (true)
        {
            var state = await node.Api.GetConsensusStateAsync(new GetConsensusStateRequest(), node.Call(ct)).ResponseAsync.ConfigureAwait(false);
            state.HeightStartUnixMs = 0; // not shown; would only make every read look new
            var bytes = state.ToByteString();
            if (last is null || !bytes.Equals(last))
            {
                last = bytes;
                publish(new LiveEvent("consensus", ConsensusJson(state)));
            }
            await Task.Delay(every, time, ct).ConfigureAwait(false);
        }
    };

    public static string BlockJson(BlockResponse block)
    {
        var h = block.Block.Header;
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["height"] = h.Height,
            ["hash"] = Format.Hex(block.BlockHash),
            ["shortHash"] = Format.Short(block.BlockHash),
            ["time"] = Format.Time(h.TimeUnixMs),
            ["proposer"] = Format.Address(h.Proposer),
            ["shortProposer"] = Format.ShortAddress(Format.Address(h.Proposer)),
            ["txs"] = h.TxCount,
        });
    }

    public static string ConsensusJson(ConsensusState s) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["height"] = s.Height,
        ["round"] = s.Round,
        ["step"] = s.Step switch
        {
            ConsensusStep.Propose => "propose",
            ConsensusStep.Prevote => "prevote",
            ConsensusStep.Precommit => "precommit",
            _ => "none",
        },
        ["proposer"] = s.Proposer,
        ["shortProposer"] = Format.ShortAddress(s.Proposer),
        ["validators"] = s.Validators.Select(v => new Dictionary<string, object>
        {
            ["address"] = v.Address,
            ["proposer"] = v.Proposer,
            ["prevote"] = Pages.Explorer.ValidatorsModel.Vote(v.Prevote),
            ["precommit"] = Pages.Explorer.ValidatorsModel.Vote(v.Precommit),
        }).ToList(),
    });
}
