using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Daf;
using Seratio.Vm.State;

namespace Seratio.Vm.Genesis;

/// <summary>
/// The state a genesis <c>daf</c> section defines (docs/modules/daf.md, "Genesis"): the council (list and one weight
/// per member) and the parameters, the section's fields merged over <see cref="DafRules.DefaultParams"/> and validated.
/// Pure; thread safe.
/// </summary>
public static class GenesisDafState
{
    /// <summary>The writes; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static IReadOnlyList<StateChange> Build(GenesisDaf daf)
    {
        ArgumentNullException.ThrowIfNull(daf);
        var p = daf.MergeParams(DafRules.DefaultParams);
        if (DafRules.ParamsProblem(p) is { } problem) throw new FormatException($"genesis daf.params: {problem}");
        var changes = new List<StateChange> { new(DafKeys.Params(), p.ToByteArray()) };
        if (daf.Members.Count == 0) return changes;
        var members = daf.Members.Select(m => new DafMember { Address = Address.Parse(m.Address).ToByteString(), Weight = m.Weight }).ToList();
        if (DafRules.MembersProblem(members) is { } wrong) throw new FormatException($"genesis daf.members: {wrong}");
        var council = DafRules.Canonical(members);
        changes.Add(new StateChange(DafKeys.Members(), council.ToByteArray()));
        foreach (var m in council.Members) changes.Add(new StateChange(DafKeys.MemberWeight(new Address(m.Address.Span)), StateValues.U64(m.Weight)));
        return changes;
    }
}
