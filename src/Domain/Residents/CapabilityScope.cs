namespace Portal.Domain.Residents;

public static class CapabilityScope
{
    /// <summary>Capabilities that are not about one compound.</summary>
    public static bool IsPlatformWide(this Capability capability) =>
        capability is Capability.ViewCityDashboard or Capability.AdministerPlatform;
}
