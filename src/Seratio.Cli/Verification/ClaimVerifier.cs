using System.CommandLine;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Core.Crypto;
using Seratio.Node.Chain;
using Seratio.Protocol;

namespace Seratio.Cli.Verification;

/// <summary>
/// The flow every verify command shares. It picks the header to believe — the node's, one whose commit more than 2/3
/// of a trusted validator set signed (<see cref="CommitCheck"/>), or one whose hash an anchor contract holds — and
/// checks the claim against it locally (<see cref="IStateClaim.Check"/>); against an anchor contract it also asks the
/// contract itself (<c>verifyState</c>, an eth_call), so the proof is accepted by the chain that anchors it, not only by
/// this program. Stateless; each call is independent.
/// </summary>
internal static class ClaimVerifier
{
    /// <summary>Fetches the claim of a height from the node (0: the latest height).</summary>
    public delegate Task<IStateClaim> Fetch(NodeConnection node, ulong height, CancellationToken ct);

    /// <summary>
    /// Checks <paramref name="fromFile"/> (a saved document), or the claim <paramref name="fetch"/> gets from the node,
    /// on the basis <paramref name="options"/> asks for. Failures to check at all (unreachable node or EVM node, no
    /// contract, nothing anchored, a pruned height) are <see cref="CommandException"/>s; a claim that does not hold is
    /// an invalid <see cref="Verdict"/>.
    /// </summary>
    public static async Task<Verdict> VerifyAsync(
        ParseResult parse, VerifyOptions options, string nodeUrl, ulong height, IStateClaim? fromFile, Fetch fetch, CancellationToken ct)
    {
        var basis = options.Basis(parse);
        using var node = NodeConnection.Open(nodeUrl);
        switch (basis)
        {
            case VerifyBasis.Anchor:
            {
                var anchor = await AnchorReader.OpenAsync(parse.GetValue(options.On)!, parse.GetValue(options.Rpc)!, parse.GetValue(options.Contract)!, ct);
                AnchoredCheckpoint anchored;
                if (fromFile is not null)
                {
                    anchored = await anchor.AtAsync(fromFile.Height, ct)
                        ?? throw CommandException.Failed(
                            $"height {fromFile.Height} of the document is not anchored on {anchor.Describe()} (last anchored: {await anchor.LastHeightAsync(ct)}); "
                            + "only checkpoint heights are anchored: verify without --file to use the latest anchored height, or save a document at an anchored height (--height)");
                }
                else
                {
                    anchored = await anchor.LatestAsync(height == 0 ? null : height, node, ct);
                }
                var claim = fromFile ?? await FetchAtAsync(fetch, node, anchored.Height, "anchored", ct);
                return await OnChainAsync(claim, anchor, anchored, node, ct);
            }
            case VerifyBasis.TrustedCommit:
            {
                var path = parse.GetValue(options.Trust)!;
                if (!File.Exists(path)) throw CommandException.Usage($"--trust file {path} does not exist");
                TrustedValidators trusted;
                try { trusted = TrustedValidatorsFile.Load(path); }
                catch (FormatException ex) { throw CommandException.Usage(ex.Message); }
                var claim = fromFile ?? await FetchAtAsync(fetch, node, height, "requested", ct);
                var evidence = claim.Block ?? await EvidenceFromNodeAsync(node, claim.Height, ct);
                var changes = claim.ValidatorChanges ?? await ChangesIfNeededAsync(node, evidence, claim.Height, trusted, ct);
                return Trusted(claim, evidence, trusted, changes);
            }
            default:
            {
                var claim = fromFile ?? await FetchAtAsync(fetch, node, height, "requested", ct);
                if (claim.Height == 0) throw CommandException.Failed("height 0 has no block header to check against");
                var header = (await node.CallAsync((c, o) => c.GetBlockAsync(new GetBlockRequest { Height = claim.Height }, o), NodeConnection.QuickCall, ct)).Block.Header;
                bool valid = claim.Check(header, out var reason);
                return new Verdict { Valid = valid, Reason = reason, Basis = "node", Height = claim.Height, Claim = claim, StateRoot = Convert.ToHexStringLower(header.StateRoot.Span), Header = header };
            }
        }
    }

    /// <summary>
    /// Checks <paramref name="claim"/> against trusted validators: <paramref name="trusted"/> followed through the
    /// validator-set <paramref name="changes"/> to the claim's height, then the commit, then the proof against the certified header.
    /// </summary>
    public static Verdict Trusted(IStateClaim claim, BlockEvidence evidence, TrustedValidators trusted, IReadOnlyList<ValidatorChange>? changes = null)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(trusted);
        var atHeight = ValidatorChangeChain.Follow(trusted, changes ?? [], claim.Height, out var reason);
        if (atHeight is null)
            return new Verdict { Valid = false, Reason = reason, Basis = "trusted-commit", Height = claim.Height, Claim = claim, StateRoot = "", TrustSource = trusted.Source };
        trusted = atHeight;
        if (!CommitCheck.Check(evidence, claim.Height, trusted, out var header, out reason))
            return new Verdict { Valid = false, Reason = reason, Basis = "trusted-commit", Height = claim.Height, Claim = claim, StateRoot = "", TrustSource = trusted.Source };
        bool valid = claim.Check(header!, out reason);
        return new Verdict
        {
            Valid = valid, Reason = reason, Basis = "trusted-commit", Height = claim.Height, Claim = claim,
            StateRoot = Convert.ToHexStringLower(header!.StateRoot.Span), Header = header, TrustSource = trusted.Source,
        };
    }

    /// <summary>
    /// Checks <paramref name="claim"/> against the checkpoint <paramref name="anchored"/>: the header (carried, else the
    /// node's) must hash to the anchored block hash, the claim must hold against it, and the contract's
    /// <c>verifyState</c> must accept the proof.
    /// </summary>
    public static async Task<Verdict> OnChainAsync(IStateClaim claim, AnchorReader anchor, AnchoredCheckpoint anchored, NodeConnection node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(anchor);
        ArgumentNullException.ThrowIfNull(anchored);
        Verdict Result(bool valid, string reason, BlockHeader? header) => new()
        {
            Valid = valid, Reason = reason, Basis = anchor.Chain, Height = anchored.Height, Claim = claim, StateRoot = anchored.StateRoot.ToString(), Header = header, Anchor = anchor,
        };

        BlockHeader header;
        try { header = claim.Block?.DecodeHeader() ?? await NodeHeaderAsync(node, anchored.Height, ct); }
        catch (FormatException ex) { return Result(false, ex.Message, null); }
        // A contract of another Seratio network (a testnet's, or an old devnet's) would fail the block-hash check below too,
        // but say what is wrong rather than that two hashes differ.
        var anchoredChain = await anchor.SeratioChainIdAsync(ct);
        if (anchoredChain != header.ChainId)
            return Result(false, $"{anchor.Describe()} anchors Seratio chain '{anchoredChain}', not '{header.ChainId}' of this block: check --contract, --rpc and --node", null);
        var hash = BlockHashing.HeaderHash(header);
        if (hash != anchored.BlockHash)
            return Result(false, $"the header of block {anchored.Height} hashes to {hash}, the contract anchored block hash {anchored.BlockHash}", null);

        bool local = claim.Check(header, out var reason);
        var proof = claim.Proof(out var proofReason);
        if (proof is null) return Result(false, proofReason, header);
        bool onChain = await anchor.VerifyStateAsync(anchored.Height, proof, ct);
        if (!local) return Result(false, onChain ? reason : $"{reason}; the contract's verifyState refuses the proof too", header);
        if (!onChain) return Result(false, $"the contract's verifyState refuses the proof against the root anchored at {anchored.Height}", header);
        return Result(true, "", header);
    }

    private static async Task<BlockHeader> NodeHeaderAsync(NodeConnection node, ulong height, CancellationToken ct) =>
        (await node.CallAsync((c, o) => c.GetBlockAsync(new GetBlockRequest { Height = height }, o), NodeConnection.QuickCall, ct)).Block.Header;

    /// <summary>The changes from the node when the block names another set than the trusted one; none otherwise (or when the header does not decode: the check says why).</summary>
    private static async Task<IReadOnlyList<ValidatorChange>> ChangesIfNeededAsync(NodeConnection node, BlockEvidence evidence, ulong height, TrustedValidators trusted, CancellationToken ct)
    {
        try
        {
            if (evidence.DecodeHeader().ValidatorsHash.Span.SequenceEqual(trusted.Set.Hash.ToArray())) return [];
        }
        catch (FormatException) { return []; }
        return await ValidatorChangeFetch.FetchAsync(node, height, ct);
    }

    private static async Task<BlockEvidence> EvidenceFromNodeAsync(NodeConnection node, ulong height, CancellationToken ct)
    {
        if (height == 0) throw CommandException.Failed("height 0 has no block or commit to check");
        var block = await node.CallAsync((c, o) => c.GetBlockAsync(new GetBlockRequest { Height = height }, o), NodeConnection.QuickCall, ct);
        return BlockEvidence.From(block) ?? throw CommandException.Failed($"the node has no commit certificate for block {height} yet; try again after the next block");
    }

    private static async Task<IStateClaim> FetchAtAsync(Fetch fetch, NodeConnection node, ulong height, string which, CancellationToken ct)
    {
        try
        {
            return await fetch(node, height, ct);
        }
        catch (CommandException ex) when (ex.ExitCode == ExitCodes.Failure && height != 0)
        {
            throw CommandException.Failed($"the node cannot give the proof at {which} height {height}: {ex.Message}");
        }
    }
}
