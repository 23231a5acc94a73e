using Seratio.Consensus.Votes;
using Seratio.Protocol;

namespace Seratio.Consensus.Messages;

/// <summary>Maps the wire <see cref="VoteType"/> to the signed <see cref="VoteStep"/>. Pure.</summary>
public static class VoteTypes
{
    public static bool TryToStep(VoteType type, out VoteStep step)
    {
        switch (type)
        {
            case VoteType.Prevote: step = VoteStep.Prevote; return true;
            case VoteType.Precommit: step = VoteStep.Precommit; return true;
            default: step = default; return false;
        }
    }

    public static VoteType ToType(VoteStep step) => step switch
    {
        VoteStep.Prevote => VoteType.Prevote,
        VoteStep.Precommit => VoteType.Precommit,
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "only prevotes and precommits are votes"),
    };
}
