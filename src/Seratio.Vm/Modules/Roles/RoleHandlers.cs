namespace Seratio.Vm.Modules.Roles;

/// <summary>The message handlers of the roles module. Immutable after type initialisation; thread safe.</summary>
public static class RoleHandlers
{
    /// <summary>One handler per message kind of this module, registered by <see cref="MsgHandlers"/>.</summary>
    public static readonly IReadOnlyList<IMsgHandler> All =
    [
        new GrantRoleHandler(),
        new RevokeRoleHandler(),
    ];
}
