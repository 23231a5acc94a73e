using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Client.Proofs;

/// <summary>
/// What <c>cert show --output json</c> prints and <c>cert verify --file</c> reads: the certificate,
/// its status at a height with that block's time, the state root, and (with --prove) the state proof
/// whose value is the encoded certificate and the block's header and commit certificate. Binary fields
/// are lowercase hex. Immutable.
/// </summary>
public sealed record CertificateDocument
{
    [JsonPropertyName("certificate")] public required CertificateJson Certificate { get; init; }
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("height")] public ulong Height { get; init; }
    [JsonPropertyName("block_time_unix_ms")] public long BlockTimeUnixMs { get; init; }
    [JsonPropertyName("state_root")] public required string StateRoot { get; init; }
    [JsonPropertyName("proof")] public ProofJson? Proof { get; init; }
    /// <summary>With --prove: block <see cref="Height"/>'s header and commit, so `cert verify --file --trust` needs no node. Absent in older documents.</summary>
    [JsonPropertyName("block")] public BlockEvidence? Block { get; init; }
    /// <summary>With --prove: the validator-set changes from height 1 to <see cref="Height"/> (empty when none), for `--trust genesis`. Absent in older documents.</summary>
    [JsonPropertyName("validator_changes")] public IReadOnlyList<ValidatorChange>? ValidatorChanges { get; init; }

    private static readonly JsonSerializerOptions Json = new() { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static CertificateDocument From(CertificateResponse r, BlockEvidence? block = null, IReadOnlyList<ValidatorChange>? changes = null) => new()
    {
        Certificate = CertificateJson.From(r.Certificate),
        Status = Certificates.StatusName(r.Status),
        Height = r.Height,
        BlockTimeUnixMs = r.BlockTimeUnixMs,
        StateRoot = Hex(r.StateRoot),
        Proof = r.Proof is null ? null : ProofJson.From(r.Proof),
        Block = block,
        ValidatorChanges = changes,
    };

    /// <summary>Parses a document; a malformed one throws <see cref="JsonException"/> or <see cref="FormatException"/>.</summary>
    public static CertificateDocument Parse(string json) =>
        JsonSerializer.Deserialize<CertificateDocument>(json, Json) ?? throw new FormatException("the document is empty");

    internal static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}

/// <summary>A <see cref="CertificateState"/> for JSON: addresses bech32m, hashes hex, the ratio as stored and as a decimal.</summary>
public sealed record CertificateJson
{
    [JsonPropertyName("id")] public ulong Id { get; init; }
    [JsonPropertyName("subject")] public ulong Subject { get; init; }
    [JsonPropertyName("issuer")] public string Issuer { get; init; } = "";
    [JsonPropertyName("period_start_unix_ms")] public long PeriodStartUnixMs { get; init; }
    [JsonPropertyName("period_end_unix_ms")] public long PeriodEndUnixMs { get; init; }
    [JsonPropertyName("social_value")] public string SocialValue { get; init; } = "";
    [JsonPropertyName("financial_value")] public string FinancialValue { get; init; } = "";
    [JsonPropertyName("scale")] public uint Scale { get; init; }
    [JsonPropertyName("social_unit")] public string SocialUnit { get; init; } = "";
    [JsonPropertyName("currency")] public string Currency { get; init; } = "";
    [JsonPropertyName("ratio")] public string Ratio { get; init; } = "";
    [JsonPropertyName("ratio_decimal")] public string RatioDecimal { get; init; } = "";
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("method_version")] public uint MethodVersion { get; init; }
    [JsonPropertyName("evidence_uri")] public string EvidenceUri { get; init; } = "";
    [JsonPropertyName("evidence_hash")] public string EvidenceHash { get; init; } = "";
    [JsonPropertyName("labels")] public IReadOnlyList<string> Labels { get; init; } = [];
    [JsonPropertyName("valid_until_unix_ms")] public long ValidUntilUnixMs { get; init; }
    [JsonPropertyName("issued_height")] public ulong IssuedHeight { get; init; }
    [JsonPropertyName("supersedes")] public ulong Supersedes { get; init; }
    [JsonPropertyName("superseded_by")] public ulong SupersededBy { get; init; }
    [JsonPropertyName("revoked")] public bool Revoked { get; init; }
    [JsonPropertyName("revoked_by")] public string RevokedBy { get; init; } = "";
    [JsonPropertyName("revocation_reason")] public string RevocationReason { get; init; } = "";
    [JsonPropertyName("revoked_height")] public ulong RevokedHeight { get; init; }

    public static CertificateJson From(CertificateState c) => new()
    {
        Id = c.Id,
        Subject = c.Subject,
        Issuer = Address(c.Issuer),
        PeriodStartUnixMs = c.PeriodStartUnixMs,
        PeriodEndUnixMs = c.PeriodEndUnixMs,
        SocialValue = c.SocialValue,
        FinancialValue = c.FinancialValue,
        Scale = c.Scale,
        SocialUnit = c.SocialUnit,
        Currency = c.Currency,
        Ratio = c.Ratio,
        RatioDecimal = SeRatio.Format(c.Ratio),
        Method = c.MethodId,
        MethodVersion = c.MethodVersion,
        EvidenceUri = c.EvidenceUri,
        EvidenceHash = CertificateDocument.Hex(c.EvidenceHash),
        Labels = [.. c.Labels],
        ValidUntilUnixMs = c.ValidUntilUnixMs,
        IssuedHeight = c.IssuedHeight,
        Supersedes = c.Supersedes,
        SupersededBy = c.SupersededBy,
        Revoked = c.Revoked,
        RevokedBy = c.Revoked ? Address(c.RevokedBy) : "",
        RevocationReason = c.RevocationReason,
        RevokedHeight = c.RevokedHeight,
    };

    /// <summary>Field-by-field equality (the labels by content).</summary>
    public bool SameAs(CertificateJson other) =>
        this with { Labels = [] } == other with { Labels = [] } && Labels.SequenceEqual(other.Labels, StringComparer.Ordinal);

    /// <summary>
    /// The fields where <paramref name="shown"/> differs from this (proven) certificate, in field order:
    /// "social_value is 999, the proof says 300".
    /// </summary>
    public IReadOnlyList<string> Differences(CertificateJson shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var result = new List<string>();
        var mine = JsonSerializer.SerializeToElement(this);
        var theirs = JsonSerializer.SerializeToElement(shown);
        foreach (var field in mine.EnumerateObject())
        {
            var other = theirs.TryGetProperty(field.Name, out var o) ? o.GetRawText() : "(absent)";
            if (other != field.Value.GetRawText()) result.Add($"{field.Name} is {other}, the proof says {field.Value.GetRawText()}");
        }
        return result;
    }

    private static string Address(ByteString bytes) =>
        bytes.Length == Core.Addressing.Address.Size ? new Core.Addressing.Address(bytes.Span).ToString() : CertificateDocument.Hex(bytes);
}
