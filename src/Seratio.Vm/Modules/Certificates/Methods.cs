using System.Buffers.Binary;
using Google.Protobuf;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Vm.Modules.Certificates;

/// <summary>
/// Reads and writes certificate methods: each version is a <see cref="MethodState"/> under
/// <see cref="CertificateKeys.Method"/>, and the latest version of an id is a 4-byte number under
/// <see cref="CertificateKeys.MethodLatest"/> (absent = no version yet). Versions are 1, 2, 3, ... and a
/// registered version never changes. A stored value that does not decode is a broken state
/// invariant and throws. Stateless; thread safe.
/// </summary>
public static class Methods
{
    /// <summary>Version <paramref name="version"/> of method <paramref name="id"/>, or null when it is not registered.</summary>
    public static MethodState? Get(IStateView state, string id, uint version)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsKeyable(id) ? Decode(state.Get(CertificateKeys.Method(id, version))) : null;
    }

    /// <inheritdoc cref="Get(IStateView, string, uint)"/>
    public static MethodState? Get(IStateReader state, string id, uint version)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsKeyable(id) ? Decode(state.Get(CertificateKeys.Method(id, version))) : null;
    }

    /// <summary>The latest registered version of <paramref name="id"/> (0 when none is).</summary>
    public static uint LatestVersion(IStateView state, string id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsKeyable(id) ? DecodeVersion(state.Get(CertificateKeys.MethodLatest(id))) : 0;
    }

    /// <inheritdoc cref="LatestVersion(IStateView, string)"/>
    public static uint LatestVersion(IStateReader state, string id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsKeyable(id) ? DecodeVersion(state.Get(CertificateKeys.MethodLatest(id))) : 0;
    }

    /// <summary>Why <paramref name="id"/> is not a well-formed method id (1-64 of [A-Za-z0-9._:/-]), or null when it is.</summary>
    public static string? IdProblem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var check = Roles.RoleRules.Method(id);
        return check.IsOk ? null : check.Log;
    }

    internal static void Put(IStateView state, MethodState method)
    {
        state.Set(CertificateKeys.Method(method.Id, method.Version), method.ToByteArray());
        var latest = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(latest, method.Version);
        state.Set(CertificateKeys.MethodLatest(method.Id), latest);
    }

    public static MethodState? Decode(byte[]? bytes)
    {
        if (bytes is null) return null;
        try
        {
            return MethodState.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException("state holds a method value that is not a seratio.v1.MethodState", ex);
        }
    }

    // Keys take ASCII ids of at most 255 characters; anything else can never have been registered.
    private static bool IsKeyable(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length is > 0 and <= byte.MaxValue && System.Text.Ascii.IsValid(id);
    }

    private static uint DecodeVersion(byte[]? value)
    {
        if (value is null) return 0;
        if (value.Length != sizeof(uint)) throw new InvalidDataException("state holds a latest method version that is not 4 bytes");
        return BinaryPrimitives.ReadUInt32BigEndian(value);
    }
}
