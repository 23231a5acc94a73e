using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using Seratio.Vm.Modules.Certificates;

namespace Seratio.Client.Values;

/// <summary>
/// What a person cares about, as the values navigator scores it (docs/values-navigator.md): integer weights over
/// certificate labels, a minimum S/E ratio, points per counted certificate and per level of provenance depth.
/// Built only through <see cref="Create"/> (or <see cref="ValuesProfileJson.Parse"/>), which enforces the bounds below,
/// so a profile in hand is always valid. Labels are kept in one order (ordinal, ignoring ASCII case) and compared
/// ignoring ASCII case. Immutable; thread safe.
/// </summary>
public sealed class ValuesProfile
{
    /// <summary>Most labels a profile weighs.</summary>
    public const int MaxLabels = 32;

    /// <summary>Longest label, as the chain allows on a certificate (docs/modules/certificates.md).</summary>
    public const int MaxLabelLength = 64;

    /// <summary>Largest weight of a label, of a certificate and of a level of provenance; weights are 0 to this.</summary>
    public const int MaxWeight = 100;

    /// <summary>Deepest provenance a profile may count.</summary>
    public const int MaxProvenanceDepthLimit = 16;

    /// <summary>Longest minimum ratio text, in characters ("1000000.000000000000000001" is 26).</summary>
    public const int MaxRatioTextLength = 40;

    /// <summary>The comparison of labels: ordinal ignoring case. Labels are ASCII ([A-Za-z0-9._:/-]), so this is ASCII case folding.</summary>
    public static readonly StringComparer LabelComparer = StringComparer.OrdinalIgnoreCase;

    private ValuesProfile(ImmutableArray<LabelWeight> labels, BigInteger minRatio, int certificateWeight, int provenanceWeight, int maxProvenanceDepth)
    {
        Labels = labels;
        MinRatio = minRatio;
        CertificateWeight = certificateWeight;
        ProvenanceWeight = provenanceWeight;
        MaxProvenanceDepth = maxProvenanceDepth;
    }

    /// <summary>The weighed labels, sorted by <see cref="LabelComparer"/>; distinct ignoring case.</summary>
    public ImmutableArray<LabelWeight> Labels { get; }

    /// <summary>The minimum S/E ratio in the chain's fixed point (18 decimals: 10^18 is a ratio of 1).</summary>
    public BigInteger MinRatio { get; }

    /// <summary>Points for each active certificate whose ratio reaches the minimum.</summary>
    public int CertificateWeight { get; }

    /// <summary>Points per level of provenance depth, counted up to <see cref="MaxProvenanceDepth"/> levels.</summary>
    public int ProvenanceWeight { get; }

    public int MaxProvenanceDepth { get; }

    /// <summary>The minimum ratio as a person writes it: "1.5".</summary>
    public string MinRatioText => SeRatio.Format(MinRatio);

    /// <summary>The profile of a person who has said nothing yet: no labels, no minimum, 1 point a certificate, no provenance.</summary>
    public static ValuesProfile Empty { get; } = new([], BigInteger.Zero, 1, 0, 4);

    /// <summary>The weight of <paramref name="label"/> (compared ignoring case), or null when the profile does not weigh it.</summary>
    public int? WeightOf(string label)
    {
        foreach (var l in Labels)
            if (LabelComparer.Equals(l.Label, label)) return l.Weight;
        return null;
    }

    /// <summary>This profile with <paramref name="label"/> weighed <paramref name="weight"/> (added or replaced); the bounds still apply.</summary>
    public ProfileResult With(string label, int weight)
    {
        var labels = Labels.Where(l => !LabelComparer.Equals(l.Label, label)).Append(new LabelWeight(label, weight));
        return Create(labels, MinRatioText, CertificateWeight, ProvenanceWeight, MaxProvenanceDepth);
    }

    /// <summary>
    /// A profile from its parts, or the first thing wrong with them in words a person can act on: labels 1-64 of
    /// [A-Za-z0-9._:/-] (the chain's own rule), distinct ignoring case, at most <see cref="MaxLabels"/>; weights
    /// 0-<see cref="MaxWeight"/>; the minimum ratio a non-negative decimal of at most 18 places; depth 1-16.
    /// </summary>
    public static ProfileResult Create(IEnumerable<LabelWeight> labels, string minRatio, int certificateWeight, int provenanceWeight, int maxProvenanceDepth)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var list = labels.ToList();
        if (list.Count > MaxLabels) return ProfileResult.Fail($"{list.Count} labels given; a profile weighs at most {MaxLabels}");
        var seen = new HashSet<string>(LabelComparer);
        foreach (var (label, weight) in list)
        {
            if (LabelError(label) is { } error) return ProfileResult.Fail(error);
            if (!seen.Add(label)) return ProfileResult.Fail($"label '{label}' is listed twice (labels are compared ignoring case)");
            if (weight is < 0 or > MaxWeight) return ProfileResult.Fail($"label '{label}' has weight {weight}; weights are whole numbers 0-{MaxWeight}");
        }
        if (!TryParseRatio(minRatio, out var min, out var ratioError)) return ProfileResult.Fail(ratioError);
        if (certificateWeight is < 0 or > MaxWeight)
            return ProfileResult.Fail($"certificateWeight {certificateWeight} is out of range; weights are whole numbers 0-{MaxWeight}");
        if (provenanceWeight is < 0 or > MaxWeight)
            return ProfileResult.Fail($"provenanceWeight {provenanceWeight} is out of range; weights are whole numbers 0-{MaxWeight}");
        if (maxProvenanceDepth is < 1 or > MaxProvenanceDepthLimit)
            return ProfileResult.Fail($"maxProvenanceDepth {maxProvenanceDepth} is out of range; use 1-{MaxProvenanceDepthLimit}");
        var sorted = list.OrderBy(l => l.Label, LabelComparer).ToImmutableArray();
        return ProfileResult.Ok(new ValuesProfile(sorted, min, certificateWeight, provenanceWeight, maxProvenanceDepth));
    }

    /// <summary>Why <paramref name="label"/> cannot be a certificate label, or null when it can.</summary>
    public static string? LabelError(string? label)
    {
        if (string.IsNullOrEmpty(label) || label.Length > MaxLabelLength)
            return $"label '{label}' must be 1-{MaxLabelLength} characters";
        foreach (char c in label)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or ':' or '/' or '-'))
                return $"label '{label}' contains '{c}'; labels are letters, digits and . _ : / - (e.g. sdg:13)";
        return null;
    }

    /// <summary>Parses "1", "1.5", "0.000000000000000001" into the chain's 18-decimal fixed point; no sign, no exponent.</summary>
    public static bool TryParseRatio(string? text, out BigInteger scaled, out string error)
    {
        scaled = BigInteger.Zero;
        error = "";
        text = text?.Trim() ?? "";
        if (text.Length == 0) return true; // no minimum
        if (text.Length > MaxRatioTextLength)
        {
            error = $"minRatio is {text.Length} characters long; at most {MaxRatioTextLength}";
            return false;
        }
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? "" : text[(dot + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (dot >= 0 && fraction.Length == 0))
        {
            error = $"minRatio '{text}' is not a number like 1 or 1.5 (digits, one optional point, no sign or exponent)";
            return false;
        }
        if (fraction.Length > SeRatio.Decimals)
        {
            error = $"minRatio '{text}' has {fraction.Length} decimal places; the chain keeps ratios to {SeRatio.Decimals}";
            return false;
        }
        scaled = BigInteger.Parse(whole + fraction.PadRight(SeRatio.Decimals, '0'), NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }
}

/// <summary>One weighed label of a profile.</summary>
public readonly record struct LabelWeight(string Label, int Weight);

/// <summary>A profile, or why there is none. <see cref="Error"/> is a sentence a person can act on.</summary>
public sealed record ProfileResult(ValuesProfile? Profile, string? Error)
{
    public static ProfileResult Ok(ValuesProfile profile) => new(profile, null);
    public static ProfileResult Fail(string error) => new(null, error);
}
