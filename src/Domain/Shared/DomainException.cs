namespace Portal.Domain.Shared;

/// <summary>
/// A rule of the domain was broken (an illegal status change, a bad value).
/// <see cref="Code"/> is a stable key the UI translates; the message is for logs.
/// </summary>
public class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
