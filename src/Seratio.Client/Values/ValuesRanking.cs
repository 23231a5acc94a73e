using System.Collections.Immutable;

namespace Seratio.Client.Values;

/// <summary>What one reason is about.</summary>
public enum ReasonKind
{
    /// <summary>An active certificate whose ratio reaches the minimum: it counts (its points are the certificate weight).</summary>
    Certificate,
    /// <summary>A weighed label on a counted certificate.</summary>
    Label,
    /// <summary>The depth of the entity's provenance.</summary>
    Provenance,
    /// <summary>Something that adds nothing, and why (revoked, expired, superseded, below the minimum, already counted, none).</summary>
    Excluded,
    /// <summary>A bound of the reader cut the evidence short.</summary>
    Note,
}

/// <summary>One line of an entity's explanation: what it is about, what it added (0 for exclusions and notes) and the sentence.</summary>
public sealed record ScoreReason(ReasonKind Kind, long Points, string Text, ulong? Certificate = null, string? Label = null);

/// <summary>An entity's score with every reason; the reasons' points sum to <see cref="Score"/>.</summary>
public sealed record EntityScore(EntityEvidence Entity, long Score, ImmutableArray<ScoreReason> Reasons);

/// <summary>An entity's place: 1 is first. Places follow the ranking's order (score descending, then entity id ascending), so ties get distinct places.</summary>
public sealed record RankedEntity(int Rank, EntityScore Scored);
