namespace Seratio.Core.Keys;

/// <summary>Named outcomes of keystore operations; every one but <see cref="Ok"/> carries a message a person can act on.</summary>
public enum KeystoreOutcome
{
    Ok,
    NotFound,
    AlreadyExists,
    InvalidName,
    InvalidSeed,
    WrongPassphrase,
    Corrupted,
    /// <summary>A plain (unencrypted) key file whose name does not contain "unsafe".</summary>
    PlainKeyRefused,
}

/// <summary>A value or the reason there is none. Immutable.</summary>
public readonly struct KeystoreResult<T>
{
    private KeystoreResult(KeystoreOutcome outcome, T? value, string error)
    {
        Outcome = outcome;
        Value = value;
        Error = error;
    }

    public KeystoreOutcome Outcome { get; }
    /// <summary>Set when <see cref="IsOk"/>.</summary>
    public T? Value { get; }
    /// <summary>Empty when <see cref="IsOk"/>.</summary>
    public string Error { get; }
    public bool IsOk => Outcome == KeystoreOutcome.Ok;

    public static KeystoreResult<T> Ok(T value) => new(KeystoreOutcome.Ok, value, "");

    public static KeystoreResult<T> Fail(KeystoreOutcome outcome, string error)
    {
        if (outcome == KeystoreOutcome.Ok) throw new ArgumentException("a failure needs a failing outcome", nameof(outcome));
        return new(outcome, default, error);
    }

    /// <summary>The same failure carrying another value type.</summary>
    public KeystoreResult<TOther> Cast<TOther>() =>
        IsOk ? throw new InvalidOperationException("only a failure can be cast") : KeystoreResult<TOther>.Fail(Outcome, Error);
}
