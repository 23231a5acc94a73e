namespace Seratio.Consensus.Votes;

/// <summary>The step of a signed consensus message. Values are signed bytes: never renumber.</summary>
public enum VoteStep : byte
{
    Propose = 1,
    Prevote = 2,
    Precommit = 3,
}
