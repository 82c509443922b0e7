using Portal.Domain.Residents;

namespace Portal.Features.Accounts;

/// <summary>
/// Declares the capability a page (or one of its handlers) needs. Compound pages carry the compound's
/// code in the route as {compound}. Checked for every handler by <see cref="CapabilityPageFilter"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresAttribute(Capability capability) : Attribute
{
    public Capability Capability { get; } = capability;
}
